//! Input rules (ARCHITECTURE.md, "Input rules"). Every value that reaches the database or a
//! Traefik file passes through one of these functions first, so that one
//! tenant's input can never rewrite a router rule or break the YAML that all
//! tenants share.

pub use crate::error::printable;
use crate::error::{Error, Result};

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
        Some("it is empty")
    } else if name.chars().count() > 255 {
        Some("it is longer than 255 characters")
    } else if name.contains(':') {
        Some("it contains ':', which separates user and hash in Traefik")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if name.trim() != name {
        Some("it has leading or trailing whitespace")
    } else if name.contains("{{") || name.contains("}}") {
        Some("it contains '{{' or '}}', which Traefik's template engine interprets")
    } else if name == crate::traefik::LOCKED_USERNAME {
        Some("it is reserved: authgate uses it to keep a locked application closed")
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
    match url::Url::parse(value) {
        Ok(url) if url.scheme() != "http" && url.scheme() != "https" => {
            bad(format!("scheme '{}' is not http or https", url.scheme()))
        }
        Ok(url) if url.host_str().is_none_or(str::is_empty) => bad("it has no host".into()),
        Ok(url) if !url.username().is_empty() || url.password().is_some() => {
            bad("it must not carry credentials".into())
        }
        Ok(_) => Ok(value.to_string()),
        Err(e) => bad(e.to_string()),
    }
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
        Some("it is empty")
    } else if value.chars().count() > 128 {
        Some("it is longer than 128 characters")
    } else if value.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if value.contains('"') || value.contains('\\') {
        Some("it contains a quote or backslash, which browsers mis-parse in the challenge")
    } else if value.contains("{{") || value.contains("}}") {
        Some("it contains '{{' or '}}'")
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
    use std::net::IpAddr;
    let bad = |why: String| {
        Err(Error::bad_request(format!(
            "invalid trusted network '{}': {why}",
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
fn mask(ip: std::net::IpAddr, length: u8) -> std::net::IpAddr {
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
            "admin", "#ops", "- x", "'q", "yes", "null", "1e3", "ü", "a b",
        ] {
            assert!(username(ok).is_ok(), "{ok}");
        }
        let long = "x".repeat(256);
        for bad in ["", "a:b", "a\nb", " a", "a ", "{{x", "x}}", "a\tb", &long] {
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
    fn upstreams() {
        assert!(upstream("http://10.0.0.5:3000").is_ok());
        assert!(upstream("https://backend.internal/").is_ok());
        for bad in [
            "ftp://x",
            "10.0.0.5:3000",
            "http://",
            "http://u:p@x",
            "http://x/{{y",
        ] {
            assert!(upstream(bad).is_err(), "{bad}");
        }
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
