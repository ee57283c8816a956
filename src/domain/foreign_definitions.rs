//! The routers, services and middlewares that authgate did not write, in
//! every namespace it publishes to: the files of the watched directory
//! (Traefik's `file` provider) and, under each key-value sink's root, the
//! subtrees of names that no application of the registry owns (that sink's
//! provider). An app name must not take a name defined there, and must not
//! be given up while a router there references its middleware
//! (ARCHITECTURE.md, "Shared ground").

use std::collections::HashSet;
use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::sinks::Sink;
use crate::sinks::file;
use crate::store::applications;
use crate::traefik::{self, rules};

/// Subdirectories deeper than this are not followed (a symlink loop, say).
const MAX_DEPTH: usize = 16;

/// A router authgate did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignRouter {
    pub name: String,
    /// The provider whose namespace defines it (`file`, `redis`).
    pub provider: String,
    pub rule: Option<String>,
    pub entry_points: Vec<String>,
    /// The middlewares it references, as written (`shop-auth@file`, or
    /// bare `shop-auth` for one of its own provider).
    pub middlewares: Vec<String>,
    pub priority: Option<i64>,
    /// Where it is defined: a file's path, or a sink's endpoint and key.
    pub origin: String,
}

/// Everything authgate did not write, in every namespace it publishes to.
#[derive(Debug, Clone, Default)]
pub struct ForeignDefinitions {
    pub routers: Vec<ForeignRouter>,
    /// Services: (name, provider, origin).
    pub services: Vec<(String, String, String)>,
    /// Middlewares: (name, provider, origin).
    pub middlewares: Vec<(String, String, String)>,
}

impl ForeignDefinitions {
    fn extend(&mut self, other: ForeignDefinitions) {
        self.routers.extend(other.routers);
        self.services.extend(other.services);
        self.middlewares.extend(other.middlewares);
    }
}

/// Reads the definitions of the watched directory `dir` and of every
/// sink. A file authgate wrote (its header) or that Traefik cannot load is
/// not read further (`check` reports the latter).
pub fn definitions(
    conn: &Connection,
    dir: &Path,
    sinks: &[Box<dyn Sink>],
) -> Result<ForeignDefinitions> {
    let app_names = applications::all_names(conn)?;
    let mut out = ForeignDefinitions::default();
    if dir.is_dir() {
        walk(dir, dir, 0, &app_names, &mut out)?;
    }
    // Names authgate publishes for the registry's applications: every key
    // in their subtrees is authgate's.
    let owned: HashSet<String> = app_names
        .iter()
        .flat_map(|app| {
            traefik::router_names(app)
                .into_iter()
                .map(|r| format!("routers/{r}"))
                .chain([format!("services/{app}"), format!("middlewares/{app}-auth")])
        })
        .collect();
    for sink in sinks {
        if let Some(listing) = sink.http_keys()? {
            out.extend(of_keys(
                &listing.root,
                sink.provider(),
                &listing.endpoint,
                &listing.keys,
                &owned,
                &mut |keys| sink.values(keys),
            )?);
        }
    }
    Ok(out)
}

fn walk(
    top: &Path,
    dir: &Path,
    depth: usize,
    app_names: &HashSet<String>,
    out: &mut ForeignDefinitions,
) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::internal(format!("cannot read directory {}: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::internal(format!("cannot read directory {}: {e}", dir.display()))
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(top, &path, depth + 1, app_names, out)?;
            }
            continue;
        }
        if !rules::loads(&name) || !meta.is_file() {
            continue;
        }
        if dir == top
            && let Some(app_name) = name.strip_suffix(".yml")
            && app_names.contains(app_name)
        {
            continue;
        }
        match file::read_head(&path, traefik::HEADER.len()) {
            Ok(head) if head == traefik::HEADER.as_bytes() => continue,
            Ok(_) => {}
            Err(_) => continue,
        }
        let Ok(bytes) = file::read_bounded(&path) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if let Some(found) = of_file(&name, &text, &path.display().to_string()) {
            out.extend(found);
        }
    }
    Ok(())
}

/// The `http` definitions of one file, or `None` when Traefik cannot load
/// it.
pub fn of_file(name: &str, text: &str, origin: &str) -> Option<ForeignDefinitions> {
    if text.contains("{{") {
        return None;
    }
    let value: serde_json::Value = if name.to_ascii_lowercase().ends_with(".toml") {
        serde_json::to_value(toml::from_str::<toml::Table>(text).ok()?).ok()?
    } else {
        let Some(first) = serde_norway::Deserializer::from_str(text).next() else {
            return Some(ForeignDefinitions::default());
        };
        let value = <serde_norway::Value as serde::Deserialize>::deserialize(first).ok()?;
        serde_json::to_value(value).unwrap_or_default()
    };
    let http = value.get("http");
    let section = |kind: &str| {
        http.and_then(|h| h.get(kind))
            .and_then(|m| m.as_object())
            .cloned()
            .unwrap_or_default()
    };
    let strings = |v: Option<&serde_json::Value>| -> Vec<String> {
        v.and_then(|l| l.as_array())
            .map(|l| {
                l.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = ForeignDefinitions::default();
    for (router, body) in section("routers") {
        out.routers.push(ForeignRouter {
            name: router,
            provider: "file".into(),
            rule: body
                .get("rule")
                .and_then(|r| r.as_str())
                .map(str::to_string),
            entry_points: strings(body.get("entryPoints")),
            middlewares: strings(body.get("middlewares")),
            priority: body.get("priority").and_then(|p| p.as_i64()),
            origin: origin.to_string(),
        });
    }
    for (kind, list) in [
        ("services", &mut out.services),
        ("middlewares", &mut out.middlewares),
    ] {
        for (name, _) in section(kind) {
            list.push((name, "file".into(), origin.to_string()));
        }
    }
    Some(out)
}

/// Reads the values of keys (`None`: no such key).
pub type ValuesOf<'a> = dyn FnMut(&[String]) -> Result<Vec<Option<String>>> + 'a;

/// The definitions under a key-value root, from its keys below
/// `<root>/http/`: every subtree whose `kind/name` is not in `owned`, with
/// `value` giving a key's value (the middlewares of routers).
pub fn of_keys(
    root: &str,
    provider: &str,
    endpoint: &str,
    keys: &[String],
    owned: &HashSet<String>,
    value: &mut ValuesOf<'_>,
) -> Result<ForeignDefinitions> {
    let prefix = format!("{root}/http/");
    let mut out = ForeignDefinitions::default();
    let mut seen = HashSet::new();
    let mut router_middleware_keys: Vec<(String, String)> = Vec::new();
    for key in keys {
        let Some(rest) = key.strip_prefix(&prefix) else {
            continue;
        };
        let mut parts = rest.splitn(3, '/');
        let (Some(kind), Some(name), Some(field)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let subtree = format!("{kind}/{name}");
        if owned.contains(&subtree) {
            continue;
        }
        let origin = format!("{endpoint}#{prefix}{kind}/{name}");
        if seen.insert(subtree) {
            match kind {
                "routers" => out.routers.push(ForeignRouter {
                    name: name.to_string(),
                    provider: provider.to_string(),
                    rule: None,
                    entry_points: Vec::new(),
                    middlewares: Vec::new(),
                    priority: None,
                    origin,
                }),
                "services" => out.services.push((name.into(), provider.into(), origin)),
                "middlewares" => out.middlewares.push((name.into(), provider.into(), origin)),
                _ => {}
            }
        }
        if kind == "routers" && field.starts_with("middlewares/") {
            router_middleware_keys.push((name.to_string(), key.clone()));
        }
    }
    if !router_middleware_keys.is_empty() {
        let wanted: Vec<String> = router_middleware_keys
            .iter()
            .map(|(_, k)| k.clone())
            .collect();
        let values = value(&wanted)?;
        for ((router, _), v) in router_middleware_keys.into_iter().zip(values) {
            if let (Some(v), Some(r)) = (v, out.routers.iter_mut().find(|r| r.name == router)) {
                r.middlewares.push(v);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gives_its_routers_services_and_middlewares() {
        let yaml = "http:\n  routers:\n    r1:\n      rule: Host(`a.example`)\n      middlewares: [\"shop-auth@file\", x]\n      priority: 5\n  services:\n    s1: {}\n  middlewares:\n    m1: {}\ntcp:\n  routers:\n    t1: {}\n";
        let d = of_file("a.yml", yaml, "/d/a.yml").unwrap();
        assert_eq!(d.routers.len(), 1);
        assert_eq!(d.routers[0].name, "r1");
        assert_eq!(d.routers[0].middlewares, ["shop-auth@file", "x"]);
        assert_eq!(d.routers[0].priority, Some(5));
        assert_eq!(
            d.services,
            [("s1".into(), "file".into(), "/d/a.yml".into())]
        );
        assert_eq!(d.middlewares[0].0, "m1");
        assert!(of_file("a.yml", "http: [\n", "x").is_none());
        let toml = "[http.routers.r2]\nrule = \"Host(`b`)\"\nmiddlewares = [\"m\"]\n";
        assert_eq!(
            of_file("a.toml", toml, "x").unwrap().routers[0].middlewares,
            ["m"]
        );
    }

    #[test]
    fn keys_outside_owned_subtrees_are_foreign() {
        let keys: Vec<String> = [
            "traefik/http/routers/shop/rule",
            "traefik/http/routers/zz/rule",
            "traefik/http/routers/zz/middlewares/0",
            "traefik/http/services/blog/loadBalancer/servers/0/url",
            "traefik/http/middlewares/wiki-auth/basicAuth/users/0",
            "other/http/routers/x/rule",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let owned: HashSet<String> = ["routers/shop".to_string()].into();
        let d = of_keys("traefik", "redis", "r:1", &keys, &owned, &mut |k| {
            Ok(k.iter()
                .map(|_| Some("intra-auth@file".to_string()))
                .collect())
        })
        .unwrap();
        assert_eq!(d.routers.len(), 1);
        assert_eq!(d.routers[0].name, "zz");
        assert_eq!(d.routers[0].middlewares, ["intra-auth@file"]);
        assert_eq!(d.routers[0].origin, "r:1#traefik/http/routers/zz");
        assert_eq!(d.services[0].0, "blog");
        assert_eq!(d.middlewares[0].0, "wiki-auth");
    }
}
