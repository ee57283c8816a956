//! Password hash schemes Traefik can verify — bcrypt, Apache APR1 (MD5) and
//! `{SHA}` — recognised, verified and (for bcrypt and APR1) created; and the
//! htpasswd line format that carries them between tools.

use base64::Engine;
use md5::{Digest, Md5};
use rand::RngExt;
use serde::Serialize;
use sha1::Sha1;
use subtle::ConstantTimeEq;

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Bcrypt,
    Apr1,
    Sha1,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Bcrypt => "bcrypt",
            Scheme::Apr1 => "apr1",
            Scheme::Sha1 => "sha1",
        }
    }

    /// The scheme of a stored hash, if it is one Traefik verifies.
    pub fn of(hash: &str) -> Option<Scheme> {
        classify(hash).ok()
    }

    /// The name of a stored hash's scheme, as `hashScheme` shows it
    /// (`unknown` for one Traefik would not verify).
    pub fn name_of(hash: &str) -> &'static str {
        Scheme::of(hash).map_or("unknown", Scheme::as_str)
    }
}

/// Apache's alphabet for crypt-style base64.
const ITOA64: &[u8] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const APR1_MAGIC: &str = "$apr1$";

fn is_itoa64(s: &str) -> bool {
    // The same set as ITOA64, tested by class rather than searched.
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'/')
}

/// The cost of a bcrypt hash (`$2y$NN$...`), or `None` for another scheme.
pub fn bcrypt_cost(hash: &str) -> Option<u32> {
    if Scheme::of(hash) != Some(Scheme::Bcrypt) {
        return None;
    }
    hash.get(4..6)?.parse().ok()
}

/// Recognises a hash, or explains why Traefik could not use it.
pub fn classify(hash: &str) -> Result<Scheme, String> {
    if let Some(rest) = ["$2y$", "$2b$", "$2a$"]
        .iter()
        .find_map(|p| hash.strip_prefix(p))
    {
        let cost_ok = rest
            .get(..2)
            .and_then(|c| c.parse::<u32>().ok())
            .is_some_and(|c| (4..=31).contains(&c));
        let ok = hash.len() == 60
            && cost_ok
            && rest.as_bytes().get(2) == Some(&b'$')
            && is_itoa64(&rest[3..]);
        return if ok {
            Ok(Scheme::Bcrypt)
        } else {
            Err("malformed bcrypt hash".into())
        };
    }
    if let Some(rest) = hash.strip_prefix(APR1_MAGIC) {
        let ok = rest.split_once('$').is_some_and(|(salt, sum)| {
            salt.len() <= 8 && is_itoa64(salt) && sum.len() == 22 && is_itoa64(sum)
        });
        return if ok {
            Ok(Scheme::Apr1)
        } else {
            Err("malformed APR1 hash".into())
        };
    }
    if let Some(rest) = hash.strip_prefix("{SHA}") {
        let ok = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .is_ok_and(|d| d.len() == 20);
        return if ok {
            Ok(Scheme::Sha1)
        } else {
            Err("malformed {SHA} hash".into())
        };
    }
    if hash.starts_with("$5$") || hash.starts_with("$6$") {
        return Err("SHA-crypt ($5$/$6$) hashes cannot be verified by Traefik".into());
    }
    if hash.starts_with("$1$") {
        return Err("MD5-crypt ($1$) hashes are not supported; use APR1 ($apr1$) or bcrypt".into());
    }
    if hash.len() == 13 && is_itoa64(hash) {
        return Err("crypt/DES hashes are too weak, and Traefik cannot verify them".into());
    }
    if hash.starts_with('$') {
        return Err("unknown hash scheme".into());
    }
    Err("this looks like a plaintext password, not a hash".into())
}

/// Apache's MD5-based `$apr1$` hash of `password` with `salt` (at most 8
/// characters are used).
pub fn apr1_with_salt(password: &[u8], salt: &str) -> String {
    let salt = &salt.as_bytes()[..salt.len().min(8)];
    let mut ctx = Md5::new();
    ctx.update(password);
    ctx.update(APR1_MAGIC.as_bytes());
    ctx.update(salt);
    let alt = Md5::new()
        .chain_update(password)
        .chain_update(salt)
        .chain_update(password)
        .finalize();
    let mut left = password.len();
    while left > 0 {
        ctx.update(&alt[..left.min(16)]);
        left = left.saturating_sub(16);
    }
    let mut bits = password.len();
    while bits != 0 {
        if bits & 1 == 1 {
            ctx.update([0u8]);
        } else {
            ctx.update(&password[..1]);
        }
        bits >>= 1;
    }
    let mut sum = ctx.finalize();
    // 1000 rounds, to slow down dictionary attacks (as Apache does).
    for i in 0..1000 {
        let mut round = Md5::new();
        if i & 1 == 1 {
            round.update(password);
        } else {
            round.update(sum);
        }
        if i % 3 != 0 {
            round.update(salt);
        }
        if i % 7 != 0 {
            round.update(password);
        }
        if i & 1 == 1 {
            round.update(sum);
        } else {
            round.update(password);
        }
        sum = round.finalize();
    }
    let mut out = format!("{APR1_MAGIC}{}$", String::from_utf8_lossy(salt));
    let mut push = |value: u32, chars: usize| {
        let mut v = value;
        for _ in 0..chars {
            out.push(ITOA64[(v & 0x3f) as usize] as char);
            v >>= 6;
        }
    };
    let b = |i: usize| u32::from(sum[i]);
    for (x, y, z) in [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)] {
        push((b(x) << 16) | (b(y) << 8) | b(z), 4);
    }
    push(b(11), 2);
    out
}

/// `text` with every password hash in it (bcrypt, APR1, `{SHA}`) replaced
/// by its scheme's name, `<bcrypt>`, `<apr1>` or `<sha1>`: what a dry run
/// shows of a Traefik file or key, which names every user's hash.
pub fn mask(text: &str) -> String {
    const PREFIXES: [(&str, Scheme); 5] = [
        ("$2y$", Scheme::Bcrypt),
        ("$2b$", Scheme::Bcrypt),
        ("$2a$", Scheme::Bcrypt),
        (APR1_MAGIC, Scheme::Apr1),
        ("{SHA}", Scheme::Sha1),
    ];
    // What follows a prefix in these schemes: crypt-style and standard
    // base64, and `$` between a salt and its sum.
    let hash_char = |c: char| c.is_ascii_alphanumeric() || "./$+=".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['$', '{']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match PREFIXES.iter().find(|(p, _)| rest.starts_with(p)) {
            Some((prefix, scheme)) => {
                let tail = &rest[prefix.len()..];
                let end = tail.find(|c| !hash_char(c)).unwrap_or(tail.len());
                out.push_str(&format!("<{}>", scheme.as_str()));
                rest = &tail[end..];
            }
            None => {
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An APR1 hash with a random 8-character salt.
pub fn apr1(password: &str) -> String {
    let mut rng = rand::rng();
    let salt: String = (0..8)
        .map(|_| ITOA64[rng.random_range(0..ITOA64.len())] as char)
        .collect();
    apr1_with_salt(password.as_bytes(), &salt)
}

/// The `{SHA}` hash of `password`: base64 of its SHA-1, unsalted, as
/// Apache's `htpasswd -s` writes it and Traefik verifies it. Only for
/// secrets too long to guess (fast-auth applications): it costs Traefik
/// microseconds per request, and an attacker as little per guess.
pub fn sha1(password: &str) -> String {
    let digest = Sha1::digest(password.as_bytes());
    format!(
        "{{SHA}}{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Whether `password` matches `hash`, in any supported scheme. Comparisons
/// are constant-time (bcrypt's own, or `subtle`).
pub fn verify(password: &str, hash: &str) -> bool {
    let expected = match Scheme::of(hash) {
        Some(Scheme::Bcrypt) => return bcrypt::verify(password, hash).unwrap_or(false),
        Some(Scheme::Apr1) => {
            let salt = hash[APR1_MAGIC.len()..].split('$').next().unwrap_or("");
            apr1_with_salt(password.as_bytes(), salt)
        }
        Some(Scheme::Sha1) => sha1(password),
        None => return false,
    };
    expected.as_bytes().ct_eq(hash.as_bytes()).into()
}

/// One entry of an htpasswd file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtpasswdEntry {
    pub line: usize,
    pub username: String,
    pub hash: String,
    pub scheme: Scheme,
}

/// An htpasswd file read: its entries, and every problem with its line.
#[derive(Debug, Default)]
pub struct Htpasswd {
    pub entries: Vec<HtpasswdEntry>,
    pub problems: Vec<String>,
}

/// Parses an htpasswd file. A UTF-8 byte order mark at the start is
/// dropped (some editors write one; it would be part of the first
/// username). Blank lines and `#` comments are skipped. Every problem is
/// collected with its line number, so the operator sees them all at once
/// (an import adds its own and refuses the whole file if there is any).
pub fn read_htpasswd(text: &str) -> Htpasswd {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut entries: Vec<HtpasswdEntry> = Vec::new();
    // Username → line of its first entry, to refuse duplicates in one pass.
    let mut first_line: std::collections::HashMap<String, usize> = Default::default();
    let mut problems = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.strip_suffix('\r').unwrap_or(raw);
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let Some((username, hash)) = content.split_once(':') else {
            problems.push(format!("line {line}: expected user:hash"));
            continue;
        };
        if hash.contains(':') {
            problems.push(format!("line {line}: more than one ':'"));
            continue;
        }
        if let Err(e) = crate::domain::validate::username(username) {
            problems.push(format!("line {line}: {e}"));
            continue;
        }
        match classify(hash) {
            Ok(scheme) => {
                if let Some(first) = first_line.get(username) {
                    problems.push(format!(
                        "line {line}: username '{}' already appears on line {first}",
                        crate::domain::validate::printable(username),
                    ));
                    continue;
                }
                first_line.insert(username.to_string(), line);
                entries.push(HtpasswdEntry {
                    line,
                    username: username.to_string(),
                    hash: hash.to_string(),
                    scheme,
                });
            }
            Err(why) => problems.push(format!(
                "line {line}: user '{}': {why}",
                crate::domain::validate::printable(username)
            )),
        }
    }
    Htpasswd { entries, problems }
}

/// Finds the applications whose credentials mix hash schemes: Traefik
/// compares unknown usernames against some user's hash, so mixed schemes
/// let timing reveal which usernames exist. Fed one (app, hash) at a time,
/// so that no listing has to collect every hash first.
#[derive(Debug, Default)]
pub struct MixedSchemes {
    schemes: std::collections::BTreeMap<String, std::collections::BTreeSet<Option<Scheme>>>,
}

impl MixedSchemes {
    pub fn add(&mut self, app_name: &str, hash: &str) {
        let scheme = Scheme::of(hash);
        match self.schemes.get_mut(app_name) {
            Some(set) => {
                set.insert(scheme);
            }
            None => {
                self.schemes.insert(app_name.to_string(), [scheme].into());
            }
        }
    }

    /// The applications seen with more than one scheme, sorted.
    pub fn apps(self) -> Vec<String> {
        self.schemes
            .into_iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(app, _)| app)
            .collect()
    }
}

/// The warning for an application with mixed hash schemes.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_replaces_every_hash_by_its_scheme_and_keeps_the_rest() {
        let bcrypt = crate::domain::password::bcrypt::hash("pw", 4).unwrap();
        let apr1 = apr1("pw");
        let sha = sha1("pw");
        let text = format!(
            "users:\n  - admin:{bcrypt}\n  - 'o''k:{apr1}'\n  - \"m:{sha}\"\nrealm: $2 {{x}} $apr1\n"
        );
        assert_eq!(
            mask(&text),
            "users:\n  - admin:<bcrypt>\n  - 'o''k:<apr1>'\n  - \"m:<sha1>\"\nrealm: $2 {x} $apr1\n"
        );
        for hash in [&bcrypt, &apr1, &sha] {
            assert!(!mask(&text).contains(&hash[6..]), "{hash}");
        }
        assert_eq!(mask("a:$2b$10$x.y/Z$"), "a:<bcrypt>");
        assert_eq!(mask("héllo {SHA}"), "héllo <sha1>");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn apr1_matches_known_apache_hashes() {
        assert_eq!(
            apr1_with_salt(b"password", "RandSalt"),
            "$apr1$RandSalt$PgCXHRrkpSt4cbyC2C6bm/"
        );
        assert!(verify("password", "$apr1$lZL6V/ci$eIMz/iKDkbtys/uU7LEK00"));
        assert!(!verify("passwore", "$apr1$lZL6V/ci$eIMz/iKDkbtys/uU7LEK00"));
        let h = apr1("some password");
        assert_eq!(Scheme::of(&h), Some(Scheme::Apr1));
        assert!(verify("some password", &h));
    }

    #[test]
    fn sha_and_bcrypt_verify() {
        // {SHA} of "password".
        assert!(verify("password", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="));
        assert!(!verify("Password", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="));
        let b = crate::domain::password::bcrypt::hash("pw", 4).unwrap();
        assert!(verify("pw", &b));
        assert!(verify("pw", &b.replacen("$2y$", "$2b$", 1)));
    }

    #[test]
    fn classification_refuses_what_traefik_cannot_use() {
        for bad in [
            "plaintext",
            "$6$salt$abc",
            "$5$salt$abc",
            "abcdefghijklm",
            "$1$salt$abcdefghijklmnopqrstuv",
            "$2y$04$short",
            "{SHA}notbase64!",
        ] {
            assert!(classify(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn htpasswd_parsing_collects_every_problem_with_its_line() {
        let ok = read_htpasswd("# users\n\nalice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\r\n");
        assert!(ok.problems.is_empty(), "{:?}", ok.problems);
        assert_eq!(ok.entries.len(), 1);
        assert_eq!(ok.entries[0].line, 3);
        let err = read_htpasswd("a:plain\nb\nc:$6$x$y\na:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n")
            .problems
            .join("\n");
        assert!(
            err.contains("line 1:") && err.contains("plaintext"),
            "{err}"
        );
        assert!(err.contains("line 2:"), "{err}");
        assert!(
            err.contains("line 3:") && err.contains("SHA-crypt"),
            "{err}"
        );
        assert!(
            !err.contains("line 4"),
            "the first 'a' was refused, so no duplicate: {err}"
        );
    }
}
