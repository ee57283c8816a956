//! Input rules (ARCHITECTURE.md, "Input rules"). Every value that reaches the database or a
//! Traefik file passes through one of these functions first, so that one
//! tenant's input can never rewrite a router rule or break the YAML that all
//! tenants share.

pub use crate::error::printable;
use crate::error::{Error, Result};

/// Characters outside the format category (Cf) that show as nothing, or as
/// a blank that is not a space: Hangul fillers, the Khmer inherent vowels,
/// the combining grapheme joiner, variation selectors, the braille blank.
const INVISIBLE: [(char, char); 10] = [
    ('\u{034F}', '\u{034F}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180D}'),
    ('\u{180F}', '\u{180F}'),
    ('\u{2800}', '\u{2800}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{E0100}', '\u{E01EF}'),
];

/// The first character of `value` that a table, a terminal or a browser
/// shows as nothing, or that changes how the text around it shows: format
/// characters (general category Cf: zero-width characters, bidirectional
/// controls, the BOM, the soft hyphen, tags, ...), line and paragraph
/// separators, spaces other than U+0020, and [`INVISIBLE`]. With one of
/// them, two names that look alike are different names.
pub fn invisible(value: &str) -> Option<char> {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    value.chars().find(|&c| {
        matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        ) || (c.general_category() == GeneralCategory::SpaceSeparator && c != ' ')
            || INVISIBLE.iter().any(|&(from, to)| (from..=to).contains(&c))
    })
}

/// A character as Unicode names it: `U+202E`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Why `value` is refused for holding an invisible character, if it does.
fn invisible_problem(value: &str) -> Option<String> {
    invisible(value).map(|c| {
        format!(
            "it contains {}, an invisible or formatting character (it makes a name look like another)",
            code_point(c)
        )
    })
}

/// Application names become Traefik resource names and file names: a DNS label.
pub fn app_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "invalid app name '{}': use 1-63 lowercase letters, digits and '-', not starting or ending with '-'",
            printable(name)
        )))
    }
}

/// Names of organizations, users, projects, environments, API keys and
/// application ids: short identifiers that are safe in tables, comments and
/// shell scripts.
pub fn identifier(kind: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "invalid {kind} '{}': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            printable(value)
        )))
    }
}

/// Usernames of credentials (ARCHITECTURE.md, "Input rules").
pub fn username(name: &str) -> Result<()> {
    let problem = if name.is_empty() {
        Some("it is empty".to_string())
    } else if name.chars().count() > 255 {
        Some("it is longer than 255 characters".to_string())
    } else if name.contains(':') {
        Some("it contains ':', which separates user and hash in Traefik".to_string())
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character".to_string())
    } else if let Some(why) = invisible_problem(name) {
        Some(why)
    } else if name.trim() != name {
        Some("it has leading or trailing whitespace".to_string())
    } else if name.starts_with('#') {
        Some("it starts with '#', which makes its htpasswd line a comment: an export would not import again".to_string())
    } else if name.contains("{{") || name.contains("}}") {
        Some("it contains '{{' or '}}', which Traefik's template engine interprets".to_string())
    } else if name == crate::traefik::LOCKED_USERNAME {
        Some("it is reserved: authgate uses it to keep a locked application closed".to_string())
    } else if stacked_marks(name) > MAX_STACKED_MARKS {
        Some(format!(
            "it stacks more than {MAX_STACKED_MARKS} combining marks on one character, which draws over its neighbours and makes one name look like another"
        ))
    } else if !unicode_normalization::is_nfc(name) {
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(name).collect();
        Some(format!(
            "it is not in Unicode's composed form (NFC), which is what keyboards and browsers send; Traefik compares bytes, so authgate never changes it for you: write it as '{}'",
            printable(&nfc)
        ))
    } else {
        None
    };
    match problem {
        Some(why) => Err(Error::bad_request(format!(
            "invalid username '{}': {why}",
            printable(name)
        ))),
        None => Ok(()),
    }
}

/// The most combining marks one character of a username may carry: every
/// living script needs at most a few (Vietnamese stacks two on a vowel).
const MAX_STACKED_MARKS: usize = 2;

/// The longest run of combining marks in `name`.
fn stacked_marks(name: &str) -> usize {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    let (mut longest, mut run) = (0, 0);
    for c in name.chars() {
        if c.general_category_group() == GeneralCategoryGroup::Mark {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// Domains end up inside a router rule ``Host(`...`)``: only plain
/// hostnames. Returns the canonical form (lowercase ASCII, an IDN as
/// punycode), which is what is stored, rendered and compared: one Traefik
/// routes every organization, so two spellings of one host must collide.
pub fn domain(domain: &str) -> Result<String> {
    let bad = |why: &str| {
        Err(Error::bad_request(format!(
            "invalid domain '{}': {why}",
            printable(domain)
        )))
    };
    if domain.is_empty() {
        return bad("it is empty");
    }
    if let Some((scheme, rest)) = domain.split_once("://") {
        let host = rest.split(['/', ':', '?', '#']).next().unwrap_or_default();
        return bad(&format!(
            "give a domain, not a URL: '{}' rather than '{scheme}://…'",
            printable(host)
        ));
    }
    // Before IDNA, which would drop some of them silently.
    if let Some(why) = invisible_problem(domain) {
        return bad(&why);
    }
    if let Some(c) = domain.chars().find(|c| {
        matches!(
            c,
            '`' | ' ' | '(' | ')' | '|' | '{' | '}' | '&' | '!' | '"' | '\''
        ) || c.is_control()
    }) {
        return bad(&format!(
            "the character {c:?} is not allowed in a hostname (it could rewrite the router rule)"
        ));
    }
    let ascii = if domain.is_ascii() {
        domain.to_ascii_lowercase()
    } else {
        match idna::domain_to_ascii(domain) {
            Ok(ascii) => ascii,
            Err(_) => return bad("it is not a valid internationalized domain name"),
        }
    };
    if ascii.len() > 253 {
        return bad("it is longer than 253 characters");
    }
    for label in ascii.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return bad(
                "each dot-separated label must be 1-63 letters, digits or '-', not starting or ending with '-'",
            );
        }
    }
    Ok(ascii)
}

/// Upstreams are the URLs of the service's servers: http or https only.
/// Returns the normalized form (the `url` crate's: scheme and host in
/// lowercase, no default port, the path's `.` and `..` segments resolved
/// and its special characters percent-encoded), without the trailing `/` of
/// an empty path: Traefik forwards to a server's scheme, host and port and
/// ignores its path, so `http://10.0.0.5:3000` and `http://10.0.0.5:3000/`
/// are one server to it. That form is what is stored, shown and rendered.
///
/// Refused: anything that parsers may read differently from the way it
/// looks. A host that the URL parser rewrites beyond its case (percent
/// encoding, IPv4 written in hexadecimal, octal, as one number or with
/// parts left out, an IPv6 address in a form other than its shortest,
/// Unicode, which IDNA maps), a backslash, a scheme without `//`, and
/// credentials.
pub fn upstream(value: &str) -> Result<String> {
    let bad = |why: String| {
        Err(Error::bad_request(format!(
            "invalid upstream '{}': {why}",
            printable(value)
        )))
    };
    if value.contains("{{") || value.contains("}}") || value.chars().any(char::is_control) {
        return bad("it contains '{{', '}}' or a control character".into());
    }
    if let Some(why) = invisible_problem(value) {
        return bad(why);
    }
    if value.chars().any(char::is_whitespace) {
        return bad("it contains whitespace".into());
    }
    if value.contains('\\') {
        return bad(
            "it contains a backslash, which some URL parsers read as '/' and others keep".into(),
        );
    }
    let Some((scheme, rest)) = value.split_once(':') else {
        return bad("it is not a URL: write http://HOST:PORT or https://HOST:PORT".into());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return bad(format!(
            "scheme '{}' is not http or https",
            printable(scheme)
        ));
    }
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return bad(format!(
            "'{}:' must be followed by '//' (write {}://HOST:PORT)",
            printable(scheme),
            scheme.to_ascii_lowercase()
        ));
    };
    let authority = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    if authority.contains('@') {
        return bad("it must not carry credentials".into());
    }
    let typed_host = match authority.strip_prefix('[') {
        Some(inner) => inner
            .find(']')
            .map_or(authority, |end| &authority[..end + 2]),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _port)| host),
    };
    if typed_host.is_empty() {
        return bad("it has no host".into());
    }
    let url = match url::Url::parse(value) {
        Ok(url) => url,
        Err(e) => return bad(e.to_string()),
    };
    let host = url.host_str().unwrap_or_default();
    if !typed_host.eq_ignore_ascii_case(host) {
        return bad(format!(
            "its host '{}' is read as '{host}', and not every program reads it so: write '{host}'",
            printable(typed_host)
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return bad("it must not carry credentials".into());
    }
    let mut normalized = url.as_str().to_string();
    if url.path() == "/" && url.query().is_none() && url.fragment().is_none() {
        normalized.pop();
    }
    Ok(normalized)
}

/// Entry point and certificate resolver names refer to Traefik's static
/// configuration.
pub fn traefik_name(kind: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "invalid {kind} '{}': use 1-64 letters, digits, '.', '_' or '-'",
            printable(value)
        )))
    }
}

/// The realm is shown by browsers in the login dialog.
pub fn realm(value: &str) -> Result<()> {
    let problem = if value.is_empty() {
        Some("it is empty".to_string())
    } else if value.chars().count() > 128 {
        Some("it is longer than 128 characters".to_string())
    } else if value.chars().any(char::is_control) {
        Some("it contains a control character".to_string())
    } else if let Some(why) = invisible_problem(value) {
        Some(why)
    } else if value.contains('"') || value.contains('\\') {
        Some(
            "it contains a quote or backslash, which browsers mis-parse in the challenge"
                .to_string(),
        )
    } else if value.contains("{{") || value.contains("}}") {
        Some("it contains '{{' or '}}'".to_string())
    } else {
        None
    };
    match problem {
        Some(why) => Err(Error::bad_request(format!(
            "invalid realm '{}': {why}",
            printable(value)
        ))),
        None => Ok(()),
    }
}

/// How many entries each list of access rules may hold (public paths,
/// protected paths, trusted networks): each is a matcher Traefik evaluates
/// on every request to the application.
pub const MAX_ACCESS_RULES: usize = 32;

/// The longest path prefix accepted.
const MAX_PREFIX_LEN: usize = 512;

/// A path prefix of an access rule, which ends up inside a router rule
/// (``Path(`...`)`` and ``PathPrefix(`...`)`` for a public path, inside a
/// ``PathRegexp(`...`)`` for a protected one, `.` escaped). `public` is true
/// for a public path (`/` would make the whole application public).
///
/// Only ASCII letters, digits, `-`, `.`, `_`, `~` and `/` are accepted: the
/// characters a client never needs to percent-encode, and none of them
/// special in a rule, a regular expression or a template. Traefik 3.7
/// matches a path with reserved characters still encoded (`%2F`, `%3A`,
/// ...), so a prefix with such a character could be dodged by encoding it.
/// Empty, `.` and `..` segments are refused too: Traefik 3.7 cleans them
/// from the request path before matching, so a prefix with one would never
/// match there.
pub fn path_prefix(value: &str, public: bool) -> Result<()> {
    let kind = if public {
        "public path"
    } else {
        "protected path"
    };
    let problem = if value.is_empty() {
        Some("it is empty".to_string())
    } else if !value.starts_with('/') {
        Some("it must start with '/'".to_string())
    } else if value.len() > MAX_PREFIX_LEN {
        Some(format!("it is longer than {MAX_PREFIX_LEN} characters"))
    } else if value.chars().any(char::is_control) {
        Some("it contains a control character".to_string())
    } else if value.chars().any(char::is_whitespace) {
        Some("it contains whitespace".to_string())
    } else if value.contains('`') || value.contains('"') {
        Some(
            "it contains a backtick or a double quote, which would end the router rule's string"
                .to_string(),
        )
    } else if value.contains("{{") || value.contains("}}") {
        Some("it contains '{{' or '}}', which Traefik's template engine interprets".to_string())
    } else if value.contains("..") {
        Some("it contains '..'".to_string())
    } else if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/')))
    {
        Some(format!(
            "the character {c:?} is not allowed: use ASCII letters, digits, '-', '.', '_', '~' and '/' (a client can percent-encode any other character, and Traefik does not match every encoded character as decoded)"
        ))
    } else if value.contains("//") {
        Some("it contains an empty segment ('//'), which Traefik removes from request paths before matching".to_string())
    } else if value.split('/').any(|segment| segment == ".") {
        Some(
            "it contains a '.' segment, which Traefik removes from request paths before matching"
                .to_string(),
        )
    } else if public && value == "/" {
        Some(
            "it makes the whole application public: to do that, delete its credentials".to_string(),
        )
    } else {
        None
    };
    match problem {
        Some(why) => Err(Error::bad_request(format!(
            "invalid {kind} '{}': {why}",
            printable(value)
        ))),
        None => Ok(()),
    }
}

/// A trusted network: a CIDR, IPv4 or IPv6, or a bare address (one host,
/// /32 or /128). Returns the normalized form (`10.0.0.0/8`,
/// `2001:db8::/32`, `192.0.2.7/32`), which is what is stored and rendered
/// into ``ClientIP(`...`)``.
pub fn network(value: &str) -> Result<String> {
    network_of("trusted network", value)
}

/// [`network`], for a network of another `kind` (named in the message).
pub fn network_of(kind: &str, value: &str) -> Result<String> {
    use std::net::IpAddr;
    let bad = |why: String| {
        Err(Error::bad_request(format!(
            "invalid {kind} '{}': {why}",
            printable(value)
        )))
    };
    let (address, length) = match value.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (value, None),
    };
    let Ok(ip) = address.parse::<IpAddr>() else {
        return bad(
            "it is not an IPv4 or IPv6 address or network (write 192.0.2.0/24, 2001:db8::/32 or a single address)".to_string(),
        );
    };
    if let IpAddr::V6(v6) = ip
        && v6.to_ipv4_mapped().is_some()
    {
        return bad(format!(
            "it is an IPv4-mapped IPv6 address, which Traefik never sees as a client's: write the IPv4 form ({})",
            v6.to_ipv4_mapped()
                .map(|v4| v4.to_string())
                .unwrap_or_default()
        ));
    }
    let max: u8 = if ip.is_ipv4() { 32 } else { 128 };
    let length = match length {
        None => max,
        Some(l) if !l.is_empty() && l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()) => {
            match l.parse::<u8>() {
                Ok(n) if n <= max => n,
                _ => return bad(format!("the prefix length must be 0 to {max}")),
            }
        }
        Some(_) => {
            return bad(format!(
                "the prefix length must be a number from 0 to {max}"
            ));
        }
    };
    if length == 0 {
        return bad(
            "it contains every address, which makes the application public: to do that, delete its credentials".to_string(),
        );
    }
    let network = mask(ip, length);
    if network != ip {
        return bad(format!(
            "it has host bits set: write {network}/{length} for the network, or {ip} alone for that one address"
        ));
    }
    Ok(format!("{ip}/{length}"))
}

/// The address with every bit past `length` cleared.
pub(crate) fn mask(ip: std::net::IpAddr, length: u8) -> std::net::IpAddr {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            let keep = u32::MAX.checked_shl(32 - u32::from(length)).unwrap_or(0);
            IpAddr::V4((bits & keep).into())
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            let keep = u128::MAX.checked_shl(128 - u32::from(length)).unwrap_or(0);
            IpAddr::V6((bits & keep).into())
        }
    }
}

/// The non-public range a normalized trusted network overlaps, if any
/// (private, shared, loopback or link-local), for a warning: such a
/// range is usually where a load balancer, a proxy or a container network
/// sits, and then everyone behind it looks like a client of that range.
pub fn non_public_range(network: &str) -> Option<&'static str> {
    const RANGES: [(&str, &str); 9] = [
        ("10.0.0.0/8", "a private range (RFC 1918)"),
        ("172.16.0.0/12", "a private range (RFC 1918)"),
        ("192.168.0.0/16", "a private range (RFC 1918)"),
        (
            "100.64.0.0/10",
            "the shared address space of carrier-grade NAT (RFC 6598)",
        ),
        ("127.0.0.0/8", "the loopback range"),
        ("169.254.0.0/16", "the link-local range"),
        ("fc00::/7", "a unique local range (RFC 4193)"),
        ("::1/128", "the loopback address"),
        ("fe80::/10", "the link-local range"),
    ];
    let parse = |n: &str| -> Option<(std::net::IpAddr, u8)> {
        let (a, l) = n.split_once('/')?;
        Some((a.parse().ok()?, l.parse().ok()?))
    };
    let (ip, length) = parse(network)?;
    RANGES.iter().find_map(|(range, what)| {
        let (base, base_length) = parse(range)?;
        let shorter = length.min(base_length);
        (ip.is_ipv4() == base.is_ipv4() && mask(ip, shorter) == mask(base, shorter))
            .then_some(*what)
    })
}

/// Top-level system directories that cannot be the Traefik directory
/// themselves: authgate reads every file below it (`check`), and Traefik
/// loads every `.yml` there.
const SYSTEM_DIRS: [&str; 22] = [
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media",
    "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
];

/// Pseudo-filesystems: nothing inside them is a Traefik directory, and
/// reading their files may never end.
const PSEUDO_FS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// A Traefik directory, as given (made absolute): refused when it resolves
/// (symlinks followed, as far as it exists) to `/`, a top-level system
/// directory, or anything inside `/proc`, `/sys` or `/dev`.
pub fn traefik_dir(dir: &std::path::Path) -> Result<std::path::PathBuf> {
    use std::path::{Path, PathBuf};
    let absolute = std::path::absolute(dir).map_err(|e| {
        Error::bad_request(format!(
            "invalid Traefik directory '{}': {e}",
            dir.display()
        ))
    })?;
    // The longest part that exists, resolved, and the rest as given.
    let mut existing: &Path = &absolute;
    let mut rest = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    let resolved: PathBuf = rest.iter().rev().fold(resolved, |p, n| p.join(n));
    let why = if SYSTEM_DIRS.iter().any(|d| resolved == Path::new(d)) {
        Some("a system directory")
    } else if PSEUDO_FS.iter().any(|d| resolved.starts_with(d)) {
        Some("inside /proc, /sys or /dev")
    } else {
        None
    };
    match why {
        Some(why) => Err(Error::bad_request(format!(
            "the Traefik directory {} is refused: {} is {why}; Traefik loads every file below it and authgate reads them all, so give it a directory of its own (such as /etc/traefik/dynamic or /var/lib/traefik)",
            absolute.display(),
            resolved.display()
        ))),
        None => Ok(absolute),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_names() {
        for ok in ["shop", "a", "my-app-2", &"a".repeat(63)] {
            assert!(app_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-a", "a-", "Shop", "a_b", "a.b", &"a".repeat(64), "a b"] {
            assert!(app_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn usernames() {
        for ok in [
            "admin", "o#ps", "- x", "'q", "yes", "null", "1e3", "ü", "a b",
        ] {
            assert!(username(ok).is_ok(), "{ok}");
        }
        let long = "x".repeat(256);
        // `#ops` would be a comment in htpasswd: exported, it would not
        // import again.
        for bad in [
            "", "a:b", "a\nb", " a", "a ", "{{x", "x}}", "a\tb", "#ops", &long,
        ] {
            assert!(username(bad).is_err(), "{bad:?}");
        }
        assert!(username(&"ü".repeat(255)).is_ok());
    }

    #[test]
    fn domains() {
        for ok in ["example.com", "shop.example.com", "localhost", "a-b.c0"] {
            assert_eq!(domain(ok).unwrap(), ok);
        }
        assert_eq!(domain("Shop.Example.COM").unwrap(), "shop.example.com");
        assert_eq!(domain("BÜCHER.example").unwrap(), "xn--bcher-kva.example");
        assert_eq!(
            domain("xn--bcher-kva.example").unwrap(),
            domain("bücher.example").unwrap()
        );
        for bad in [
            "",
            "a`) || Host(`b",
            "a||b",
            "a b",
            "a(b)",
            "a..b",
            "-a.com",
            "a{{b",
            "a_b.com",
            "a.com.",
            "a\u{0}b.com",
        ] {
            assert!(domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn upstreams_are_normalized() {
        for (given, normalized) in [
            ("http://10.0.0.5:3000", "http://10.0.0.5:3000"),
            ("http://10.0.0.5:3000/", "http://10.0.0.5:3000"),
            ("https://backend.internal/", "https://backend.internal"),
            ("HTTP://Backend.Internal:80/", "http://backend.internal"),
            ("https://backend.internal:443", "https://backend.internal"),
            ("http://[::1]:3000", "http://[::1]:3000"),
            ("http://[2001:DB8::1]", "http://[2001:db8::1]"),
            ("http://x/a/../b", "http://x/b"),
            (
                "http://x/a b".replace(' ', "%20").as_str(),
                "http://x/a%20b",
            ),
            ("http://x/é", "http://x/%C3%A9"),
            ("http://x/?q=1", "http://x/?q=1"),
            ("http://example.com.:8080", "http://example.com.:8080"),
        ] {
            assert_eq!(upstream(given).unwrap(), normalized, "{given}");
            // Normalizing again changes nothing.
            assert_eq!(upstream(normalized).unwrap(), normalized, "{normalized}");
        }
    }

    #[test]
    fn upstreams_that_parsers_may_read_differently_are_refused() {
        for (bad, why) in [
            ("ftp://x", "scheme 'ftp'"),
            ("javascript:alert(1)", "scheme 'javascript'"),
            ("file:///etc/passwd", "scheme 'file'"),
            ("10.0.0.5:3000", "scheme '10.0.0.5'"),
            ("backend", "not a URL"),
            ("http://", "no host"),
            ("http://:3000", "no host"),
            ("http:///x", "no host"),
            ("http://u:p@x", "credentials"),
            ("http://u@x", "credentials"),
            ("http://@x", "credentials"),
            ("http://x/{{y", "'{{'"),
            ("http://%31%32%37.0.0.1:3000", "read as '127.0.0.1'"),
            ("http://0x7f.1:3000", "read as '127.0.0.1'"),
            ("http://0177.0.0.1", "read as '127.0.0.1'"),
            ("http://2130706433", "read as '127.0.0.1'"),
            ("http://127.1", "read as '127.0.0.1'"),
            ("http://1.2.3.4.", "read as '1.2.3.4'"),
            ("http://[0:0::1]", "read as '[::1]'"),
            ("http://bücher.example", "read as 'xn--bcher-kva.example'"),
            ("http://１２７.0.0.1", "read as '127.0.0.1'"),
            ("http:\\\\127.0.0.1:3000", "backslash"),
            ("http://x\\y", "backslash"),
            ("http:/127.0.0.1:3000", "'//'"),
            ("http:127.0.0.1", "'//'"),
            ("http://x\u{202E}y", "U+202E"),
            ("http://x/\u{200B}", "U+200B"),
            (" http://x", "whitespace"),
            ("http://x /", "whitespace"),
        ] {
            let err = upstream(bad).expect_err(bad).to_string();
            assert!(err.contains(why), "{bad}: {err}");
            assert!(err.starts_with("invalid upstream"), "{bad}: {err}");
        }
    }

    #[test]
    fn invisible_characters_are_found() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{061C}',
            '\u{180E}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{3164}',
            '\u{115F}',
            '\u{1160}',
            '\u{FFA0}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{034F}',
            '\u{2028}',
            '\u{2029}',
            '\u{00A0}',
            '\u{2007}',
            '\u{3000}',
            '\u{2800}',
        ] {
            let value = format!("ad{c}min");
            assert_eq!(invisible(&value), Some(c), "{}", code_point(c));
            let err = username(&value).unwrap_err().to_string();
            assert!(err.contains(&code_point(c)), "{err}");
            assert!(
                realm(&value)
                    .unwrap_err()
                    .to_string()
                    .contains(&code_point(c))
            );
            let host = format!("sh{c}op.example.com");
            assert!(
                domain(&host)
                    .unwrap_err()
                    .to_string()
                    .contains(&code_point(c))
            );
        }
        for visible in [
            "admin",
            "a b",
            "ü",
            "日本語",
            "Ελληνικά",
            "עברית",
            "😀",
            "é",
        ] {
            assert_eq!(invisible(visible), None, "{visible}");
        }
        assert_eq!(code_point('\u{202E}'), "U+202E");
        assert_eq!(code_point('\u{E0041}'), "U+E0041");
    }

    #[test]
    fn path_prefixes() {
        for ok in [
            "/static",
            "/static/",
            "/api/v1/",
            "/.well-known/acme",
            "/a-b_c~d.e",
            "/admin",
        ] {
            assert!(path_prefix(ok, true).is_ok(), "{ok}");
            assert!(path_prefix(ok, false).is_ok(), "{ok}");
        }
        assert!(path_prefix("/", false).is_ok());
        assert!(path_prefix("/", true).is_err());
        let long = format!("/{}", "a".repeat(600));
        for bad in [
            "",
            "static",
            "/a`) || Host(`evil",
            "/a\"b",
            "/a{{b",
            "/a}}b",
            "/a b",
            "/a\tb",
            "/a\nb",
            "/a\u{0}b",
            "/a/../b",
            "/..",
            "/a..b",
            "/a//b",
            "/./a",
            "/a/.",
            "/a%2Fb",
            "/a?b",
            "/a#b",
            "/a\\b",
            "/a:b",
            "/a;b",
            "/é",
            "/a\u{2028}b",
            &long,
        ] {
            assert!(path_prefix(bad, true).is_err(), "{bad:?}");
            assert!(path_prefix(bad, false).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn networks() {
        for (given, normalized) in [
            ("10.0.0.0/8", "10.0.0.0/8"),
            ("192.0.2.7", "192.0.2.7/32"),
            ("192.0.2.7/32", "192.0.2.7/32"),
            ("2001:DB8::/32", "2001:db8::/32"),
            ("2001:db8:0:0::1", "2001:db8::1/128"),
            ("::1", "::1/128"),
            ("127.0.0.0/08", "127.0.0.0/8"),
        ] {
            assert_eq!(network(given).unwrap(), normalized, "{given}");
        }
        for bad in [
            "",
            "0.0.0.0/0",
            "::/0",
            "10.0.0.5/0",
            "10.0.0.5/8",
            "10.0.0.0/33",
            "2001:db8::/129",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0.0/-1",
            "10.0.0.0/8/8",
            "10.0.0",
            "010.0.0.1",
            "10.0.0.1 ",
            "::ffff:10.0.0.1",
            "fe80::1%eth0",
            "example.com",
            "10.0.0.0/8`) || Host(`x",
        ] {
            assert!(network(bad).is_err(), "{bad:?}");
        }
        assert!(
            network("0.0.0.0/0")
                .unwrap_err()
                .to_string()
                .contains("public")
        );
    }

    #[test]
    fn non_public_ranges_are_recognized() {
        for private in [
            "10.0.0.0/8",
            "10.1.2.3/32",
            "172.20.0.0/16",
            "192.168.1.0/24",
            "127.0.0.0/8",
            "100.64.0.1/32",
            "fd00::/8",
            "::1/128",
            "fe80::/64",
            "0.0.0.0/1",
        ] {
            assert!(non_public_range(private).is_some(), "{private}");
        }
        for public in [
            "192.0.2.0/24",
            "203.0.113.7/32",
            "2001:db8::/32",
            "172.32.0.0/16",
        ] {
            assert_eq!(non_public_range(public), None, "{public}");
        }
    }
}
