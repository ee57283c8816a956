//! Files in the watched directory that authgate did not write. Traefik loads
//! every `.yml`, `.yaml` and `.toml` file there, recursively, into one
//! configuration (ARCHITECTURE.md, "Shared ground"), so such a file can
//! break or shadow every application's routing:
//! - one file Traefik cannot load freezes the whole directory: Traefik keeps
//!   its last good configuration, and every later change is never enforced;
//! - a router whose rule names a host that an authgate application routes
//!   competes with that application's router, and may win without its
//!   middleware.
//!
//! authgate never writes or removes such a file; `check` reports it, and
//! mutating commands warn while one exists.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::applications;
use crate::traefik;

/// Beyond this size a file is not read: it is reported instead.
pub const MAX_READ: u64 = 4 * 1024 * 1024;

/// Subdirectories deeper than this are not followed (a symlink loop, say).
const MAX_DEPTH: usize = 16;

/// What is wrong with a file authgate did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Traefik cannot load it (the reason), or authgate cannot read it.
    Unloadable(String),
    /// A router of the file routes a host that an authgate application
    /// routes.
    Shadowing {
        router: String,
        host: String,
        app_name: String,
    },
}

#[derive(Debug, Clone)]
pub struct ForeignFile {
    pub path: PathBuf,
    pub problem: Problem,
}

/// Whether Traefik's file provider loads a file of this name.
pub fn loads(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yml") || lower.ends_with(".yaml") || lower.ends_with(".toml")
}

/// Every problem with a file authgate did not write in `dir`, in path order.
/// The top-level `<app>.yml` of an existing application is authgate's place
/// and is left to drift detection, and so is any file that starts with
/// authgate's header.
pub fn scan(conn: &Connection, dir: &Path) -> Result<Vec<ForeignFile>> {
    let app_names = applications::all_names(conn)?;
    let mut out = Vec::new();
    walk(conn, dir, dir, 0, &app_names, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk(
    conn: &Connection,
    top: &Path,
    dir: &Path,
    depth: usize,
    app_names: &HashSet<String>,
    out: &mut Vec<ForeignFile>,
) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::internal(format!("cannot read directory {}: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::internal(format!("cannot read directory {}: {e}", dir.display()))
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        // Follows symlinks, as Traefik does.
        let Ok(meta) = std::fs::metadata(&path) else {
            if loads(&name) {
                out.push(unloadable(path, "it is a dangling symlink".into()));
            }
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(conn, top, &path, depth + 1, app_names, out)?;
            }
            continue;
        }
        if !loads(&name) {
            continue;
        }
        if dir == top
            && let Some(app_name) = name.strip_suffix(".yml")
            && app_names.contains(app_name)
        {
            continue;
        }
        if !meta.is_file() {
            out.push(unloadable(
                path,
                "it is not a regular file (a FIFO, device or socket), so it was not read".into(),
            ));
            continue;
        }
        if meta.len() > MAX_READ {
            out.push(unloadable(
                path,
                format!("it is larger than {MAX_READ} bytes, so it was not read"),
            ));
            continue;
        }
        let text = match read_bounded(&path) {
            Ok(text) => text,
            Err(why) => {
                out.push(unloadable(path, why));
                continue;
            }
        };
        if text.starts_with(traefik::HEADER) {
            continue;
        }
        match routers_of(&name, &text) {
            Err(why) => out.push(unloadable(path, why)),
            Ok(routers) => {
                for (router, rule) in routers {
                    for host in hosts_in_rule(&rule) {
                        if let Some(app_name) = applications::routing(conn, &host)? {
                            out.push(ForeignFile {
                                path: path.clone(),
                                problem: Problem::Shadowing {
                                    router: router.clone(),
                                    host,
                                    app_name,
                                },
                            });
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn unloadable(path: PathBuf, why: String) -> ForeignFile {
    ForeignFile {
        path,
        problem: Problem::Unloadable(why),
    }
}

fn read_bounded(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_READ + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("it cannot be read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "it is not valid UTF-8".to_string())
}

/// The routers of a file (name and rule), or why Traefik cannot load it.
fn routers_of(name: &str, text: &str) -> Result<Vec<(String, String)>, String> {
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
/// matchers, in canonical form. Regular-expression matchers are not
/// expanded.
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
            if let Ok(host) = crate::domain::validate::domain(quoted) {
                hosts.push(host);
            }
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
