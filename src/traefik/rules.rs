//! What Traefik makes of a file it did not get from authgate: whether it
//! loads it at all, its routers, and the hosts a router rule names.

/// Whether Traefik's file provider loads a file of this name.
pub fn loads(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yml") || lower.ends_with(".yaml") || lower.ends_with(".toml")
}

/// The routers of a file (name and rule), or why Traefik cannot load it.
pub fn routers_of(name: &str, text: &str) -> Result<Vec<(String, String)>, String> {
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
            return Ok(Vec::new());
        };
        let value = <serde_norway::Value as serde::Deserialize>::deserialize(first)
            .map_err(|e| format!("YAML error: {e}"))?;
        // Keys that are not strings cannot name routers: nothing to find.
        serde_json::to_value(value).unwrap_or_default()
    };
    let mut routers = Vec::new();
    for protocol in ["http", "tcp"] {
        if let Some(map) = value
            .get(protocol)
            .and_then(|p| p.get("routers"))
            .and_then(|r| r.as_object())
        {
            for (router, body) in map {
                if let Some(rule) = body.get("rule").and_then(|r| r.as_str()) {
                    routers.push((router.clone(), rule.to_string()));
                }
            }
        }
    }
    Ok(routers)
}

/// The hosts a router rule names in `Host`, `HostHeader` (v2) and `HostSNI`
/// matchers, lowercased (the caller puts them in canonical form).
/// Regular-expression matchers are not expanded.
pub fn hosts_in_rule(rule: &str) -> Vec<String> {
    let mut hosts = Vec::new();
    let mut rest = rule;
    while let Some(at) = rest.find("Host") {
        let after = &rest[at + 4..];
        let args = ["SNI(", "Header(", "("]
            .iter()
            .find_map(|m| after.strip_prefix(m));
        rest = after;
        let Some(args) = args else { continue };
        let end = args.find(')').unwrap_or(args.len());
        for quoted in quoted_strings(&args[..end]) {
            hosts.push(quoted.to_ascii_lowercase());
        }
        rest = &args[end..];
    }
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The strings between backticks or double quotes.
fn quoted_strings(args: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open] as char;
        let tail = &rest[open + 1..];
        let Some(close) = tail.find(quote) else { break };
        out.push(&tail[..close]);
        rest = &tail[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_found_in_every_host_matcher() {
        assert_eq!(
            hosts_in_rule("Host(`Shop.Example.com`) && PathPrefix(`/x`)"),
            ["shop.example.com"]
        );
        assert_eq!(
            hosts_in_rule("HostSNI(`a.example`) || Host(\"b.example\", `c.example`)"),
            ["a.example", "b.example", "c.example"]
        );
        assert_eq!(
            hosts_in_rule("HostRegexp(`^.+\\.example$`)"),
            Vec::<String>::new()
        );
        assert_eq!(hosts_in_rule("HostHeader(`d.example`)"), ["d.example"]);
    }

    #[test]
    fn broken_files_are_told_apart_from_good_ones() {
        assert!(
            routers_of(
                "a.yml",
                "http:\n  routers:\n    x:\n      rule: \"Host(`a`)\"\n"
            )
            .is_ok()
        );
        assert!(routers_of("a.yml", "http: [\n").is_err());
        assert!(routers_of("a.yml", "a: 1\na: 2\n").is_err());
        assert!(routers_of("a.yml", "x: '{{ env \"A\" }}'\n").is_err());
        assert!(routers_of("a.toml", "[http.routers.x]\nrule = \"Host(`a`)\"\n").is_ok());
        assert!(routers_of("a.toml", "[http\n").is_err());
        assert_eq!(routers_of("a.yml", "").unwrap(), vec![]);
        assert!(loads("A.YAML") && loads("b.Toml") && !loads(".a.yml.tmp"));
    }
}
