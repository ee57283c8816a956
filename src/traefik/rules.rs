//! What Traefik makes of a file it did not get from authgate: whether it
//! loads it at all, its routers, and the hosts a router rule names.

/// Whether Traefik's file provider loads a file of this name.
pub(crate) fn loads(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yml") || lower.ends_with(".yaml") || lower.ends_with(".toml")
}

/// A router as Traefik reads it from a provider authgate does not own: the
/// parts that decide which requests it takes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Router {
    pub name: String,
    pub rule: Option<String>,
    pub entry_points: Vec<String>,
    pub middlewares: Vec<String>,
    /// An explicit priority; Traefik's default is the rule's length.
    pub priority: Option<i64>,
}

/// What one file (or one key-value subtree) defines: its routers, and the
/// names of its services and middlewares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Definitions {
    pub routers: Vec<Router>,
    pub services: Vec<String>,
    pub middlewares: Vec<String>,
}

/// What a file defines, or why Traefik cannot load it.
pub(crate) fn definitions_of(name: &str, text: &str) -> Result<Definitions, String> {
    if text.contains("{{") {
        return Err(
            "it contains '{{': Traefik runs every file through Go's template engine first, and authgate cannot tell what it renders to".into(),
        );
    }
    let value: serde_json::Value = if name.to_ascii_lowercase().ends_with(".toml") {
        toml::from_str::<toml::Table>(text)
            .map_err(|e| format!("TOML error: {}", e.message()))
            .and_then(|t| serde_json::to_value(t).map_err(|e| e.to_string()))?
    } else {
        // Traefik reads only the first document of a file.
        let Some(first) = serde_norway::Deserializer::from_str(text).next() else {
            return Ok(Definitions::default());
        };
        let value = <serde_norway::Value as serde::Deserialize>::deserialize(first)
            .map_err(|e| format!("YAML error: {e}"))?;
        // Keys that are not strings cannot name routers: nothing to find.
        serde_json::to_value(value).unwrap_or_default()
    };
    let mut found = Definitions::default();
    let strings = |v: Option<&serde_json::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for protocol in ["http", "tcp"] {
        let section = value.get(protocol);
        let names = |kind: &str| -> Vec<(String, serde_json::Value)> {
            section
                .and_then(|p| p.get(kind))
                .and_then(|r| r.as_object())
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default()
        };
        for (router, body) in names("routers") {
            found.routers.push(Router {
                name: router,
                rule: body
                    .get("rule")
                    .and_then(|r| r.as_str())
                    .map(str::to_string),
                entry_points: strings(body.get("entryPoints")),
                middlewares: strings(body.get("middlewares")),
                priority: body.get("priority").and_then(|p| {
                    p.as_i64()
                        .or_else(|| p.as_str().and_then(|s| s.parse().ok()))
                }),
            });
        }
        if protocol == "http" {
            found.services = names("services").into_iter().map(|(n, _)| n).collect();
            found.middlewares = names("middlewares").into_iter().map(|(n, _)| n).collect();
        }
    }
    Ok(found)
}

/// How a router's rule relates to one host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostMatch {
    /// It can never take a request for the host.
    No,
    /// It takes the host because it names it: a `Host`/`HostHeader` equal to
    /// it, or a `HostRegexp` that matches it (and not every host); or it is
    /// a rule authgate cannot read, which may name it.
    Named,
    /// It may take a request for the host without naming it: no host
    /// matcher decides (a catch-all such as ``PathPrefix(`/`)``), or a
    /// negation (``!Host(`a`)``).
    Any,
}

/// A host no router names, to tell a rule that names a host from one that
/// takes every host.
const NO_SUCH_HOST: &str = "authgate-no-such-host.invalid";

/// Whether a router rule can take a request for `host` (canonical form:
/// lowercase ASCII, punycode), and how. This is the one definition of "a
/// router routes a host" (ARCHITECTURE.md, "Shared ground").
pub(crate) fn routes_host(rule: &str, host: &str) -> HostMatch {
    // A rule authgate cannot read may name the host: it holds it.
    let Some(expr) = parse(rule).filter(Expr::readable) else {
        return HostMatch::Named;
    };
    if expr.eval(host) == Truth::False {
        HostMatch::No
    } else if expr.eval(NO_SUCH_HOST) == Truth::False {
        HostMatch::Named
    } else {
        HostMatch::Any
    }
}

impl Router {
    /// Traefik's priority for this router: the explicit one, else the
    /// rule's length.
    pub fn effective_priority(&self) -> i64 {
        self.priority
            .filter(|p| *p > 0)
            .unwrap_or_else(|| self.rule.as_deref().map_or(0, |r| r.len() as i64))
    }

    /// Whether the router takes requests for `host` arriving on one of
    /// `entry_points` (none: every entry point), and how.
    pub fn routes(&self, host: &str, entry_points: &[String]) -> HostMatch {
        let shares_entry_point = self.entry_points.is_empty()
            || entry_points.is_empty()
            || self.entry_points.iter().any(|e| entry_points.contains(e));
        match &self.rule {
            Some(rule) if shares_entry_point => routes_host(rule, host),
            _ => HostMatch::No,
        }
    }

    /// The hosts the router can take, when it takes only hosts it names
    /// literally (`Host`, `HostHeader`, `HostSNI`); `None` when it matches
    /// by pattern or may take any host, so that every host must be asked
    /// [`Router::routes`]. A shortcut, never a second definition: every host
    /// it can take is in the list.
    pub fn named_hosts(&self) -> Option<Vec<String>> {
        let expr = parse(self.rule.as_deref()?)?;
        if expr.eval(NO_SUCH_HOST) != Truth::False {
            return None;
        }
        let mut hosts = Vec::new();
        expr.literal_hosts(&mut hosts)?;
        Some(hosts)
    }

    /// Whether the router passes its requests through `middleware` as
    /// published by `provider` (`shop-auth@file`; a bare name means the
    /// router's own provider).
    pub fn uses_middleware(&self, middleware: &str, provider: &str, own_provider: &str) -> bool {
        self.middlewares.iter().any(|m| match m.split_once('@') {
            Some((name, p)) => name == middleware && p == provider,
            None => m == middleware && provider == own_provider,
        })
    }
}

/// A host as authgate stores it: lowercase ASCII, IDN as punycode, no
/// trailing dot.
fn canonical_host(host: &str) -> String {
    let host = host.trim_end_matches('.');
    if host.is_ascii() {
        host.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(host).unwrap_or_else(|_| host.to_lowercase())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Maybe,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Maybe => Truth::Maybe,
        }
    }
}

#[derive(Debug)]
enum Expr {
    Matcher(String, Vec<String>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Whether every `HostRegexp` of the rule compiles in one of its
    /// readings: otherwise authgate cannot tell which hosts it names.
    fn readable(&self) -> bool {
        match self {
            Expr::Matcher(name, args) => {
                !name.eq_ignore_ascii_case("hostregexp")
                    || args.iter().all(|a| host_regexps(a).is_some())
            }
            Expr::Not(e) => e.readable(),
            Expr::And(a, b) | Expr::Or(a, b) => a.readable() && b.readable(),
        }
    }

    /// The hosts host matchers name, canonical; `None` when a matcher
    /// matches by pattern.
    fn literal_hosts(&self, out: &mut Vec<String>) -> Option<()> {
        match self {
            Expr::Matcher(name, args) => match name.to_ascii_lowercase().as_str() {
                "host" | "hostheader" | "hostsni" => {
                    out.extend(args.iter().map(|a| canonical_host(a)));
                    Some(())
                }
                "hostregexp" => None,
                _ => Some(()),
            },
            Expr::Not(e) => e.literal_hosts(out),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.literal_hosts(out)?;
                b.literal_hosts(out)
            }
        }
    }

    /// Whether the rule can match a request for `host`, whatever else the
    /// request holds: matchers other than the host's are `Maybe`.
    fn eval(&self, host: &str) -> Truth {
        match self {
            // Traefik takes a matcher's name in any of several cases
            // (`host`, `HOST`): every case counts here.
            Expr::Matcher(name, args) => match name.to_ascii_lowercase().as_str() {
                "host" | "hostheader" | "hostsni" => {
                    if args.iter().any(|a| a == "*" || canonical_host(a) == host) {
                        Truth::True
                    } else {
                        Truth::False
                    }
                }
                "hostregexp" => {
                    if args.iter().any(|a| host_regexp_matches(a, host)) {
                        Truth::True
                    } else {
                        Truth::False
                    }
                }
                _ => Truth::Maybe,
            },
            Expr::Not(e) => e.eval(host).not(),
            Expr::And(a, b) => match (a.eval(host), b.eval(host)) {
                (Truth::False, _) | (_, Truth::False) => Truth::False,
                (Truth::True, Truth::True) => Truth::True,
                _ => Truth::Maybe,
            },
            Expr::Or(a, b) => match (a.eval(host), b.eval(host)) {
                (Truth::True, _) | (_, Truth::True) => Truth::True,
                (Truth::False, Truth::False) => Truth::False,
                _ => Truth::Maybe,
            },
        }
    }
}

/// Whether a `HostRegexp` argument matches `host`, read both ways Traefik
/// reads it: v3's Go regular expression, and v2's `{name:regexp}`
/// template (anchored); either match counts. A pattern neither reading
/// can compile counts as matching (and makes the rule unreadable:
/// [`Expr::readable`]).
fn host_regexp_matches(pattern: &str, host: &str) -> bool {
    host_regexps(pattern).is_none_or(|readings| readings.iter().any(|r| r.is_match(host)))
}

/// The readings of a `HostRegexp` argument that compile; `None` if none does.
fn host_regexps(pattern: &str) -> Option<Vec<regex::Regex>> {
    const LIMIT: usize = 1 << 20;
    let compile = |p: &str| {
        regex::RegexBuilder::new(p)
            .case_insensitive(true)
            .size_limit(LIMIT)
            .build()
            .ok()
    };
    let v3 = compile(pattern);
    let v2 = v2_template(pattern).and_then(|p| compile(&format!("^(?:{p})$")));
    let readings: Vec<regex::Regex> = [v3, v2].into_iter().flatten().collect();
    (!readings.is_empty()).then_some(readings)
}

/// v2's template (`{sub:[a-z]+}.example.com`, `{sub}.example.com`) as a
/// regular expression; `None` when it has no template variable.
fn v2_template(pattern: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = pattern;
    let mut templated = false;
    while let Some(open) = rest.find('{') {
        let (literal, tail) = rest.split_at(open);
        out.push_str(&regex::escape(literal));
        let mut depth = 0;
        let mut end = None;
        for (i, c) in tail.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let end = end?;
        let inner = &tail[1..end];
        let (var, re) = inner.split_once(':').unwrap_or((inner, "[^.]+"));
        if var.is_empty() || !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        templated = true;
        out.push_str(&format!("(?:{re})"));
        rest = &tail[end + 1..];
    }
    out.push_str(&regex::escape(rest));
    templated.then_some(out)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Open,
    Close,
    Comma,
    And,
    Or,
    Not,
}

/// The character a Go escape sequence stands for, after its `\\`; `None`
/// for one Go refuses.
fn go_escape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<char> {
    fn digits(
        chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
        n: usize,
        radix: u32,
        first: u32,
    ) -> Option<char> {
        let mut value = first;
        for _ in 0..n {
            value = value * radix + chars.next()?.1.to_digit(radix)?;
        }
        char::from_u32(value)
    }
    let (_, c) = chars.next()?;
    Some(match c {
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        '\\' | '"' | '\'' => c,
        'x' => return digits(chars, 2, 16, 0),
        'u' => return digits(chars, 4, 16, 0),
        'U' => return digits(chars, 8, 16, 0),
        '0'..='7' => return digits(chars, 2, 8, c.to_digit(8)?),
        _ => return None,
    })
}

/// Rules longer than this are not parsed (they count as routing every
/// host).
const MAX_RULE: usize = 64 * 1024;

fn tokens(rule: &str) -> Option<Vec<Token>> {
    if rule.len() > MAX_RULE {
        return None;
    }
    let mut out = Vec::new();
    let mut chars = rule.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            ',' => out.push(Token::Comma),
            '!' => out.push(Token::Not),
            '&' | '|' => {
                if chars.next().map(|(_, d)| d) != Some(c) {
                    return None;
                }
                out.push(if c == '&' { Token::And } else { Token::Or });
            }
            '`' => {
                let tail = &rule[i + 1..];
                let close = tail.find('`')?;
                out.push(Token::Str(tail[..close].to_string()));
                for _ in 0..tail[..=close].chars().count() {
                    chars.next();
                }
            }
            // A Go string literal: Traefik unquotes its escapes
            // (`"ext\x2eexample.com"` is `ext.example.com`).
            '"' => {
                let mut text = String::new();
                loop {
                    let (_, d) = chars.next()?;
                    match d {
                        '"' => break,
                        '\\' => text.push(go_escape(&mut chars)?),
                        d => text.push(d),
                    }
                }
                out.push(Token::Str(text));
            }
            c if c.is_ascii_alphabetic() => {
                let mut ident = c.to_string();
                while let Some((_, d)) = chars.peek().copied() {
                    if !d.is_ascii_alphanumeric() {
                        break;
                    }
                    ident.push(d);
                    chars.next();
                }
                out.push(Token::Ident(ident));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The rule as an expression, or `None` when it is not one authgate can
/// read.
fn parse(rule: &str) -> Option<Expr> {
    let tokens = tokens(rule)?;
    let mut parser = Parser { tokens, at: 0 };
    let expr = parser.or(0)?;
    (parser.at == parser.tokens.len()).then_some(expr)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

/// Nesting deeper than this is not parsed (no stack overflow on hostile
/// input).
const MAX_DEPTH_RULE: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, token: &Token) -> bool {
        if self.peek() == Some(token) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self, depth: usize) -> Option<Expr> {
        let mut left = self.and(depth)?;
        while self.eat(&Token::Or) {
            left = Expr::Or(Box::new(left), Box::new(self.and(depth)?));
        }
        Some(left)
    }

    fn and(&mut self, depth: usize) -> Option<Expr> {
        let mut left = self.unary(depth)?;
        while self.eat(&Token::And) {
            left = Expr::And(Box::new(left), Box::new(self.unary(depth)?));
        }
        Some(left)
    }

    fn unary(&mut self, depth: usize) -> Option<Expr> {
        if depth > MAX_DEPTH_RULE {
            return None;
        }
        if self.eat(&Token::Not) {
            return Some(Expr::Not(Box::new(self.unary(depth + 1)?)));
        }
        if self.eat(&Token::Open) {
            let inner = self.or(depth + 1)?;
            return self.eat(&Token::Close).then_some(inner);
        }
        let Some(Token::Ident(name)) = self.peek().cloned() else {
            return None;
        };
        self.at += 1;
        if !self.eat(&Token::Open) {
            return None;
        }
        let mut args = Vec::new();
        if !self.eat(&Token::Close) {
            loop {
                let Some(Token::Str(arg)) = self.peek().cloned() else {
                    return None;
                };
                self.at += 1;
                args.push(arg);
                if self.eat(&Token::Close) {
                    break;
                }
                if !self.eat(&Token::Comma) {
                    return None;
                }
            }
        }
        Some(Expr::Matcher(name, args))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_found_in_every_host_matcher() {
        let named = |rule: &str| {
            Router {
                rule: Some(rule.into()),
                ..Router::default()
            }
            .named_hosts()
        };
        assert_eq!(
            named("Host(`Shop.Example.com`) && PathPrefix(`/x`)"),
            Some(vec!["shop.example.com".to_string()])
        );
        assert_eq!(
            named("HostSNI(`a.example`) || Host(\"b.example\", `c.example`)"),
            Some(vec![
                "a.example".into(),
                "b.example".into(),
                "c.example".into()
            ])
        );
        assert_eq!(named("HostRegexp(`^.+\\.example$`)"), None);
        assert_eq!(
            named("HostHeader(`d.example`)"),
            Some(vec!["d.example".into()])
        );
    }

    #[test]
    fn broken_files_are_told_apart_from_good_ones() {
        let routers = |name: &str, text: &str| definitions_of(name, text).map(|d| d.routers);
        assert!(
            routers(
                "a.yml",
                "http:\n  routers:\n    x:\n      rule: \"Host(`a`)\"\n"
            )
            .is_ok()
        );
        assert!(routers("a.yml", "http: [\n").is_err());
        assert!(routers("a.yml", "a: 1\na: 2\n").is_err());
        assert!(routers("a.yml", "x: '{{ env \"A\" }}'\n").is_err());
        assert!(routers("a.toml", "[http.routers.x]\nrule = \"Host(`a`)\"\n").is_ok());
        assert!(routers("a.toml", "[http\n").is_err());
        assert_eq!(routers("a.yml", "").unwrap(), vec![]);
        assert!(loads("A.YAML") && loads("b.Toml") && !loads(".a.yml.tmp"));
    }

    #[test]
    fn a_router_routes_a_host_by_one_definition() {
        use HostMatch::*;
        let cases: &[(&str, &str, HostMatch)] = &[
            ("Host(`portal.example.com`)", "portal.example.com", Named),
            ("Host(`Portal.Example.COM.`)", "portal.example.com", Named),
            ("Host(`other.example.com`)", "portal.example.com", No),
            (
                "Host(\"a.example\", `portal.example.com`)",
                "portal.example.com",
                Named,
            ),
            (
                "HostHeader(`portal.example.com`)",
                "portal.example.com",
                Named,
            ),
            ("Host(`bücher.example`)", "xn--bcher-kva.example", Named),
            (
                "Host(`portal.example.com`) && PathPrefix(`/x`)",
                "portal.example.com",
                Named,
            ),
            (
                "Host(`a.example`) || PathPrefix(`/`)",
                "portal.example.com",
                Any,
            ),
            ("PathPrefix(`/`)", "portal.example.com", Any),
            ("!Host(`a.example`)", "portal.example.com", Any),
            ("!Host(`portal.example.com`)", "portal.example.com", No),
            (
                "!(Host(`portal.example.com`) || Host(`b`))",
                "portal.example.com",
                No,
            ),
            (
                "(Host(`a`) || Host(`portal.example.com`)) && Method(`GET`)",
                "portal.example.com",
                Named,
            ),
            (
                "HostRegexp(`^.+\\.example\\.com$`)",
                "portal.example.com",
                Named,
            ),
            (
                "HostRegexp(`^.+\\.example\\.org$`)",
                "portal.example.com",
                No,
            ),
            (
                "HostRegexp(`{sub:[a-z]+}.example.com`)",
                "portal.example.com",
                Named,
            ),
            (
                "HostRegexp(`{sub}.example.com`)",
                "portal.example.com",
                Named,
            ),
            ("HostRegexp(`{sub}.example.com`)", "a.b.example.com", No),
            ("HostRegexp(`.*`)", "portal.example.com", Any),
            ("HostRegexp(`(`)", "portal.example.com", Named),
            ("HostSNI(`*`)", "portal.example.com", Any),
            ("HostSNI(`portal.example.com`)", "portal.example.com", Named),
            ("Host(`portal.example.com`", "portal.example.com", Named),
            (
                "Host(`portal.example.com`) & Path(`/`)",
                "portal.example.com",
                Named,
            ),
            ("host(`portal.example.com`)", "portal.example.com", Named),
            ("HOST(`portal.example.com`)", "portal.example.com", Named),
            ("hostregexp(`^portal\\..+$`)", "portal.example.com", Named),
            (
                "Host(\"portal\\x2eexample.com\")",
                "portal.example.com",
                Named,
            ),
            (
                "Host(\"portal\\u002eexample\\056com\")",
                "portal.example.com",
                Named,
            ),
            (
                "Host(\"a\\\"b\") || Host(`portal.example.com`)",
                "portal.example.com",
                Named,
            ),
            ("Host(\"portal\\qexample.com\")", "other.example.com", Named),
            ("Host(\"other\\x2eexample.com\")", "portal.example.com", No),
            ("Host(`x`) && !Host(`x`)", "portal.example.com", No),
        ];
        for (rule, host, want) in cases {
            assert_eq!(routes_host(rule, host), *want, "{rule} for {host}");
        }
        let deep = format!("{}Host(`a`){}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(routes_host(&deep, "a"), Named);
    }

    #[test]
    fn entry_points_and_middlewares_of_a_router() {
        let r = Router {
            name: "portal-router".into(),
            rule: Some("Host(`portal.example.com`)".into()),
            entry_points: vec!["websecure".into()],
            middlewares: vec!["portal-auth@file".into(), "x-auth".into()],
            priority: None,
        };
        let on = |eps: &[&str]| eps.iter().map(|e| e.to_string()).collect::<Vec<_>>();
        assert_eq!(r.routes("portal.example.com", &on(&["web"])), HostMatch::No);
        assert_eq!(r.routes("portal.example.com", &on(&[])), HostMatch::Named);
        assert_eq!(
            r.routes("portal.example.com", &on(&["websecure", "web"])),
            HostMatch::Named
        );
        assert!(r.uses_middleware("portal-auth", "file", "docker"));
        assert!(!r.uses_middleware("portal-auth", "redis", "docker"));
        assert!(r.uses_middleware("x-auth", "file", "file"));
        assert!(!r.uses_middleware("x-auth", "file", "redis"));
        assert_eq!(
            r.effective_priority(),
            "Host(`portal.example.com`)".len() as i64
        );
        assert_eq!(
            r.named_hosts(),
            Some(vec!["portal.example.com".to_string()])
        );
        let named = |rule: &str| {
            Router {
                rule: Some(rule.into()),
                ..Router::default()
            }
            .named_hosts()
        };
        assert_eq!(named("PathPrefix(`/`)"), None);
        assert_eq!(named("HostRegexp(`a.+`)"), None);
        assert_eq!(
            named("Host(`A.example`) && !Host(`b`)"),
            Some(vec!["a.example".into(), "b".into()])
        );
    }

    #[test]
    fn definitions_name_routers_services_and_middlewares() {
        let d = definitions_of(
            "a.yml",
            "http:\n  routers:\n    r:\n      rule: \"Host(`a`)\"\n      priority: 20000\n      entryPoints: [web]\n      middlewares: [m@file]\n  services:\n    s: {}\n  middlewares:\n    m: {}\n",
        )
        .unwrap();
        assert_eq!(d.routers[0].priority, Some(20000));
        assert_eq!(d.routers[0].entry_points, ["web"]);
        assert_eq!(d.routers[0].middlewares, ["m@file"]);
        assert_eq!(d.services, ["s"]);
        assert_eq!(d.middlewares, ["m"]);
    }
}
