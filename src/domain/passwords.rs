//! Passwords: the input rules, generation, bcrypt costs and hashing.
//! Nothing here prints: warnings are returned to the caller. Where a
//! password comes from (terminal, stdin, a file) is the command line's
//! business (`src/cli/password_input.rs`).

use rand::RngExt;

use crate::error::{Error, Remedy, Result};

/// bcrypt only looks at the first 72 bytes; longer passwords are refused
/// rather than silently truncated.
pub const MAX_PASSWORD_BYTES: usize = 72;
/// Shorter passwords draw a warning.
pub const RECOMMENDED_MIN_CHARS: usize = 12;
pub const DEFAULT_GENERATED_LENGTH: usize = 24;
pub const MIN_COST: u32 = 4;
pub const MAX_COST: u32 = 31;
pub const DEFAULT_COST: u32 = 10;

/// Characters of generated passwords: large enough for ~6.2 bits each, and
/// free of quotes, backslashes and spaces so they paste safely into shells.
const GENERATED_ALPHABET: &[u8] =
    b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.~!@#%^*+=,";

/// The input rules for passwords (ARCHITECTURE.md, "Input rules"). Returns
/// warnings.
pub fn check(password: &str) -> Result<Vec<String>> {
    if password.is_empty() {
        return Err(Error::bad_request("the password is empty"));
    }
    check_length(password)?;
    if password.contains('\0') {
        return Err(Error::bad_request("the password contains a NUL byte"));
    }
    let mut warnings = Vec::new();
    if password.chars().count() < RECOMMENDED_MIN_CHARS {
        warnings.push(format!(
            "the password is shorter than {RECOMMENDED_MIN_CHARS} characters; a generated one is stronger"
        ));
    }
    Ok(warnings)
}

fn check_length(password: &str) -> Result<()> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::bad_request(format!(
            "the password is {} bytes long; bcrypt uses at most {MAX_PASSWORD_BYTES} bytes, and authgate refuses rather than truncates",
            password.len()
        )));
    }
    Ok(())
}

/// The score below which a chosen password is refused unless an
/// installation owner changes `min-password-score`.
pub const DEFAULT_MIN_SCORE: u8 = 3;

/// How a chosen password fares against zxcvbn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// 0 (guessed within 10^3 tries) to 4 (more than 10^10).
    pub score: u8,
    /// zxcvbn's warning and suggestions, for a message.
    pub feedback: Vec<String>,
}

/// Scores a chosen password with zxcvbn, with what an attacker would try
/// first (the username, the app name, its domains) as user inputs.
pub fn strength(password: &str, user_inputs: &[&str]) -> Strength {
    let entropy = zxcvbn::zxcvbn(password, user_inputs);
    let mut feedback = Vec::new();
    if let Some(f) = entropy.feedback() {
        if let Some(w) = f.warning() {
            feedback.push(w.to_string());
        }
        feedback.extend(f.suggestions().iter().map(|s| s.to_string()));
    }
    Strength {
        score: u8::from(entropy.score()),
        feedback,
    }
}

/// Refuses a password scored below `min_score`, saying why, unless
/// `allow_weak`. Returns whether it was let through weak.
pub fn check_strength(strength: &Strength, min_score: u8, allow_weak: bool) -> Result<bool> {
    if strength.score >= min_score {
        return Ok(false);
    }
    if allow_weak {
        return Ok(true);
    }
    let mut message = format!(
        "the password is too easy to guess: zxcvbn scores it {} of 4, and this installation requires at least {min_score}",
        strength.score
    );
    if !strength.feedback.is_empty() {
        message.push_str(&format!(" ({})", strength.feedback.join(" ")));
    }
    Err(Error::bad_request(message).remedy(Remedy::StrongerPassword))
}

/// A random password from the operating system's CSPRNG.
pub fn generate(length: usize) -> Result<String> {
    if !(RECOMMENDED_MIN_CHARS..=MAX_PASSWORD_BYTES).contains(&length) {
        return Err(Error::bad_request(format!(
            "a generated password must be {RECOMMENDED_MIN_CHARS} to {MAX_PASSWORD_BYTES} characters long, not {length}"
        ))
        .remedy(Remedy::GeneratedLength));
    }
    // ThreadRng is a ChaCha CSPRNG seeded and reseeded from the OS.
    let mut rng = rand::rng();
    Ok((0..length)
        .map(|_| GENERATED_ALPHABET[rng.random_range(0..GENERATED_ALPHABET.len())] as char)
        .collect())
}

/// The highest bcrypt cost accepted unless an installation owner raises it
/// (`max-bcrypt-cost`). Traefik checks a hash on every request, even one
/// for an unknown username, and cost 14 already takes about 1.1 s of its
/// CPU per request (cost 10: about 70 ms); cost 31 would take days.
pub const DEFAULT_MAX_COST: u32 = 14;

/// Refuses a cost above the installation's limit.
pub fn check_cost_limit(cost: u32, limit: u32) -> Result<()> {
    if cost <= limit {
        return Ok(());
    }
    Err(Error::bad_request(format!(
        "bcrypt cost {cost} is above this installation's limit of {limit}: Traefik verifies the hash on every request, even one with an unknown username, and each step doubles its CPU time (cost 14 takes about 1.1 s per request); an installation owner can raise the limit with `authgate settings set max-bcrypt-cost`"
    )))
}

pub fn check_cost(cost: u32) -> Result<()> {
    if (MIN_COST..=MAX_COST).contains(&cost) {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "bcrypt cost must be between {MIN_COST} and {MAX_COST}, got {cost}"
        )))
    }
}

/// bcrypt with the `$2y$` prefix, which Apache's htpasswd and Traefik both read.
///
/// Hashing goes through the system's libxcrypt (`crypt_rn`, Openwall's
/// crypt_blowfish, as in htpasswd): about 12% faster than the `bcrypt` crate
/// here, and bcrypt's cost is the whole cost of `create`. Its output is
/// byte-compatible: the `bcrypt` crate verifies it (see the tests).
pub fn hash(password: &str, cost: u32) -> Result<String> {
    check_cost(cost)?;
    check_length(password)?;
    libxcrypt::bcrypt_2y(password, cost)
}

/// The two calls of libxcrypt that authgate needs. libxcrypt is part of every
/// glibc system (libcrypt1; its link-time library comes with libc6-dev).
mod libxcrypt {
    use std::ffi::{CStr, CString, c_char, c_int, c_ulong, c_void};

    use rand::RngExt;

    use crate::error::{Error, Result};

    /// `sizeof(struct crypt_data)` in libxcrypt.
    const CRYPT_DATA_SIZE: usize = 32768;
    /// `CRYPT_GENSALT_OUTPUT_SIZE`.
    const GENSALT_OUTPUT_SIZE: usize = 192;

    #[link(name = "crypt")]
    unsafe extern "C" {
        fn crypt_rn(
            phrase: *const c_char,
            setting: *const c_char,
            data: *mut c_void,
            size: c_int,
        ) -> *mut c_char;
        fn crypt_gensalt_rn(
            prefix: *const c_char,
            count: c_ulong,
            rbytes: *const c_char,
            nrbytes: c_int,
            output: *mut c_char,
            output_size: c_int,
        ) -> *mut c_char;
    }

    pub fn bcrypt_2y(password: &str, cost: u32) -> Result<String> {
        let failed = |what: &str| Error::internal(format!("libxcrypt could not {what}"));
        let phrase = CString::new(password)
            .map_err(|_| Error::bad_request("the password contains a NUL byte"))?;
        let random: [u8; 16] = rand::rng().random();
        let mut setting = [0 as c_char; GENSALT_OUTPUT_SIZE];
        let mut data = vec![0u8; CRYPT_DATA_SIZE];
        // SAFETY: every pointer is valid for the size passed with it; the
        // strings are NUL-terminated; libxcrypt writes only within `setting`
        // and `data`, and returns either null or a pointer into them.
        let hash = unsafe {
            let made = crypt_gensalt_rn(
                c"$2y$".as_ptr(),
                c_ulong::from(cost),
                random.as_ptr().cast(),
                random.len() as c_int,
                setting.as_mut_ptr(),
                setting.len() as c_int,
            );
            if made.is_null() {
                return Err(failed("make a bcrypt salt"));
            }
            let out = crypt_rn(
                phrase.as_ptr(),
                setting.as_ptr(),
                data.as_mut_ptr().cast(),
                data.len() as c_int,
            );
            if out.is_null() {
                return Err(failed("hash the password"));
            }
            CStr::from_ptr(out).to_string_lossy().into_owned()
        };
        // The work area held the password: clear it before it is freed.
        data.fill(0);
        Ok(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hashes::verify;

    #[test]
    fn hashes_are_2y_and_verify() {
        let h = hash("correct horse", 4).unwrap();
        assert!(h.starts_with("$2y$04$"), "{h}");
        assert!(verify("correct horse", &h));
        assert!(!verify("correct horsf", &h));
        let longest = "a".repeat(72);
        let h = hash(&longest, 4).unwrap();
        assert!(verify(&longest, &h));
        assert!(!verify(&"a".repeat(71), &h), "all 72 bytes count");
        assert!(hash(&"a".repeat(73), 4).is_err());
    }

    #[test]
    fn libxcrypt_hashes_verify_with_the_bcrypt_crate() {
        for pw in [
            "p",
            "with:colon",
            "ünïcödé",
            &"x".repeat(71),
            &"x".repeat(72),
        ] {
            let h = hash(pw, 5).unwrap();
            assert!(h.starts_with("$2y$05$") && h.len() == 60, "{h}");
            assert!(bcrypt::verify(pw, &h).unwrap(), "{pw}");
            assert!(!bcrypt::verify(format!("{pw}?"), &h).unwrap() || pw.len() == 72);
        }
        assert_ne!(hash("same", 4).unwrap(), hash("same", 4).unwrap(), "salted");
    }

    #[test]
    fn long_empty_and_nul_passwords_are_refused() {
        assert!(check(&"a".repeat(72)).is_ok());
        assert!(check(&"a".repeat(73)).is_err());
        assert!(check("").is_err());
        assert!(check("abc\0defghijklmn").is_err());
        assert_eq!(check("short").unwrap().len(), 1);
        assert!(check("long enough password").unwrap().is_empty());
    }

    #[test]
    fn weak_passwords_are_refused_and_strong_ones_pass() {
        for weak in ["password", "Summer2026!", "shop-admin", "shopshop"] {
            let s = strength(weak, &["shop-admin", "shop", "shop.example.com"]);
            assert!(
                check_strength(&s, DEFAULT_MIN_SCORE, false).is_err(),
                "{weak}: {s:?}"
            );
            assert!(check_strength(&s, DEFAULT_MIN_SCORE, true).unwrap());
        }
        let s = strength("correct horse battery staple umbrella", &["admin"]);
        assert_eq!(s.score, 4);
        assert!(!check_strength(&s, DEFAULT_MIN_SCORE, false).unwrap());
    }

    #[test]
    fn generated_passwords_use_the_alphabet() {
        let p = generate(24).unwrap();
        assert_eq!(p.len(), 24);
        assert!(p.bytes().all(|b| GENERATED_ALPHABET.contains(&b)));
        assert_ne!(p, generate(24).unwrap());
        assert!(generate(8).is_err());
        assert!(generate(73).is_err());
    }
}
