//! How two configurations differ, said for operators: the users added or
//! removed (usernames only, never a hash), the router rules, the service
//! URLs.

/// What differs between the file authgate would write (`want`) and the one
/// in the directory (`have`), for operators: the users added or removed
/// (usernames only, never a hash), the router rules, the service URLs.
pub(crate) fn describe_difference(want: &str, have: &str) -> String {
    let parse = |text: &str| serde_norway::from_str::<serde_json::Value>(text).ok();
    let (Some(want), Some(have)) = (parse(want), parse(have)) else {
        return "the file is not valid YAML".to_string();
    };
    describe_values(&want["http"], &have["http"])
}

/// [`describe_difference`] on the `http` sections of two configurations.
pub(crate) fn describe_values(want: &serde_json::Value, have: &serde_json::Value) -> String {
    use serde_json::Value;
    let mut parts = Vec::new();
    let names = |v: &Value, kind: &str| -> Vec<String> {
        v[kind]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    for kind in ["routers", "services", "middlewares"] {
        let (w, h) = (names(want, kind), names(have, kind));
        for extra in h.iter().filter(|n| !w.contains(n)) {
            parts.push(format!("{kind} has '{extra}', which the database does not"));
        }
        for missing in w.iter().filter(|n| !h.contains(n)) {
            parts.push(format!("{kind} lacks '{missing}'"));
        }
    }
    let routers = want["routers"].as_object().into_iter().flatten();
    for (name, router) in routers {
        let theirs = &have["routers"][name];
        if theirs.is_null() {
            continue;
        }
        for field in [
            "rule",
            "priority",
            "service",
            "middlewares",
            "entryPoints",
            "tls",
        ] {
            if router[field] != theirs[field] {
                parts.push(format!(
                    "router '{name}' {field} is {}, the database says {}",
                    shown(&theirs[field]),
                    shown(&router[field])
                ));
            }
        }
    }
    let services = want["services"].as_object().into_iter().flatten();
    for (name, service) in services {
        let theirs = &have["services"][name];
        if !theirs.is_null() && service != theirs {
            parts.push(format!(
                "service '{name}' servers are {}, the database says {}",
                shown(&theirs["loadBalancer"]["servers"]),
                shown(&service["loadBalancer"]["servers"])
            ));
        }
    }
    let middlewares = want["middlewares"].as_object().into_iter().flatten();
    for (name, middleware) in middlewares {
        let theirs = &have["middlewares"][name];
        if theirs.is_null() {
            continue;
        }
        let users = |v: &Value| -> Vec<(String, String)> {
            v["basicAuth"]["users"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|e| match e.split_once(':') {
                    Some((u, h)) => (u.to_string(), h.to_string()),
                    None => (e.to_string(), String::new()),
                })
                .collect()
        };
        let (w, h) = (users(middleware), users(theirs));
        let listed = |list: Vec<&String>| {
            list.iter()
                .map(|u| format!("'{}'", u.escape_debug()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let added: Vec<&String> = h
            .iter()
            .filter(|(u, _)| !w.iter().any(|(x, _)| x == u))
            .map(|(u, _)| u)
            .collect();
        let removed: Vec<&String> = w
            .iter()
            .filter(|(u, _)| !h.iter().any(|(x, _)| x == u))
            .map(|(u, _)| u)
            .collect();
        let rehashed: Vec<&String> = w
            .iter()
            .filter(|(u, hash)| h.iter().any(|(x, y)| x == u && y != hash))
            .map(|(u, _)| u)
            .collect();
        if !added.is_empty() {
            parts.push(format!("users not in the database: {}", listed(added)));
        }
        if !removed.is_empty() {
            parts.push(format!("users missing: {}", listed(removed)));
        }
        if !rehashed.is_empty() {
            parts.push(format!("users with another hash: {}", listed(rehashed)));
        }
        for field in ["realm", "removeHeader"] {
            if middleware["basicAuth"][field] != theirs["basicAuth"][field] {
                parts.push(format!(
                    "middleware '{name}' {field} is {}, the database says {}",
                    shown(&theirs["basicAuth"][field]),
                    shown(&middleware["basicAuth"][field])
                ));
            }
        }
    }
    if parts.is_empty() {
        "only its text differs (comments or layout)".to_string()
    } else {
        parts.join("; ")
    }
}

/// A value for a message; hashes never reach here (users are split first).
fn shown(value: &serde_json::Value) -> String {
    if value.is_null() {
        "absent".to_string()
    } else {
        value.to_string().escape_debug().to_string()
    }
}
