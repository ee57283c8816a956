//! What Traefik is given that authgate did not write: files in the watched
//! directory, and routers, services and middlewares under a key-value
//! sink's root. Traefik merges them with authgate's configuration
//! (ARCHITECTURE.md, "Shared ground"), so they can break or get around
//! every application's routing:
//! - one file Traefik cannot load freezes the whole directory: Traefik keeps
//!   its last good configuration, and every later change is never enforced;
//! - a router that routes a host an authgate application routes competes
//!   with that application's router, and may win without its middleware.
//!
//! authgate never writes or removes what it did not write; claims of hosts
//! are refused while such a router routes them ([`blocking_router`]),
//! `check` reports the rest ([`scan`]), and mutating commands warn while
//! the directory holds such a file.

use std::path::PathBuf;

use rusqlite::Connection;

use crate::error::Result;
use crate::sinks::{Foreign, Sink};
use crate::store::applications::{self, ClaimedHost};
use crate::traefik::PRIORITY_MAIN;
use crate::traefik::rules::{HostMatch, Router};

/// What is wrong with something authgate did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Traefik cannot load it (the reason), or authgate cannot read it.
    Unloadable(String),
    /// A router (`name@provider`) that competes with an application's own
    /// router for a host it routes, and may serve it without the
    /// application's middleware.
    Shadowing {
        router: String,
        host: String,
        app_name: String,
    },
    /// A router (`name@provider`) that routes a host an application with
    /// external routing declares, without the application's middleware.
    Bypassing {
        router: String,
        host: String,
        app_name: String,
    },
}

#[derive(Debug, Clone)]
pub struct ForeignFile {
    /// The file, or where the router's keys are.
    pub path: PathBuf,
    pub problem: Problem,
}

/// Everything the sinks hold that authgate did not write.
pub fn definitions(conn: &Connection, sinks: &[&dyn Sink]) -> Result<Vec<Foreign>> {
    let app_names = applications::all_names(conn)?;
    let mut out = Vec::new();
    for sink in sinks {
        out.extend(sink.foreign(&app_names)?);
    }
    Ok(out)
}

/// How a router authgate did not write stands to a host an application
/// routes or claims. This is the one rule host claims and `check` share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// It does not take the host, or it is the application's own external
    /// router (it carries the middleware), or it is a catch-all that
    /// authgate's explicit priority outranks.
    Clear,
    /// It names the host (or, as a catch-all, outranks authgate's router):
    /// Traefik may serve the host through it, without authentication.
    Competes,
    /// It routes a host that an application with external routing declares,
    /// without that application's middleware.
    Bypasses,
}

/// The rule (ARCHITECTURE.md, "Shared ground"): a foreign router that
/// names a host (a `Host`/`HostHeader` equal to it, a `HostRegexp` that
/// matches it) on an entry point the application uses owns that host, so an
/// application may not claim it, unless the application routes externally
/// and that router carries its middleware (it is the application's own
/// router). A router that names no host (a catch-all, an HTTP-to-HTTPS
/// redirect) takes a host only where its priority is at least authgate's
/// main router's ([`PRIORITY_MAIN`]); authgate's explicit priorities outrank
/// it otherwise, so it is no reason to refuse a claim.
pub fn standing(
    router: &Router,
    provider: &str,
    holder: &ClaimedHost,
    providers: &[&str],
) -> Standing {
    let carries_middleware = || {
        let middleware = format!("{}-auth", holder.app_name);
        providers
            .iter()
            .any(|p| router.uses_middleware(&middleware, p, provider))
    };
    match router.routes(&holder.host, &holder.entrypoints) {
        HostMatch::No => Standing::Clear,
        HostMatch::Named if holder.managed => Standing::Competes,
        HostMatch::Named if carries_middleware() => Standing::Clear,
        HostMatch::Named => Standing::Bypasses,
        HostMatch::Any
            if holder.managed && router.effective_priority() >= i64::from(PRIORITY_MAIN) =>
        {
            Standing::Competes
        }
        HostMatch::Any => Standing::Clear,
    }
}

/// A router authgate did not write that stands in the way of `holder`
/// claiming its host: the router (`name@provider`) and where it is.
pub fn blocking_router(
    foreign: &[Foreign],
    holder: &ClaimedHost,
    providers: &[&str],
) -> Option<(String, PathBuf)> {
    foreign.iter().find_map(|f| {
        let defs = f.read.as_ref().ok()?;
        defs.routers.iter().find_map(|r| {
            (standing(r, f.provider, holder, providers) != Standing::Clear)
                .then(|| (format!("{}@{}", r.name, f.provider), f.origin.clone()))
        })
    })
}

/// Every problem with what the sinks hold that authgate did not write, in
/// origin order: what Traefik cannot load, and routers that compete with or
/// get around an application's routing.
pub fn scan(conn: &Connection, sinks: &[&dyn Sink]) -> Result<Vec<ForeignFile>> {
    let foreign = definitions(conn, sinks)?;
    let providers: Vec<&str> = sinks.iter().map(|s| s.provider()).collect();
    // Every claimed host is read only when some router needs the rule: a
    // publish looks here after every change, and most directories hold no
    // router authgate did not write.
    let has_routers = foreign
        .iter()
        .any(|f| f.read.as_ref().is_ok_and(|d| !d.routers.is_empty()));
    let claimed = if has_routers {
        applications::claimed_hosts(conn)?
    } else {
        Vec::new()
    };
    let by_host: std::collections::HashMap<&str, Vec<&ClaimedHost>> =
        claimed.iter().fold(Default::default(), |mut m, c| {
            m.entry(c.host.as_str()).or_default().push(c);
            m
        });
    let mut out = Vec::new();
    for f in foreign {
        let defs = match f.read {
            Ok(defs) => defs,
            Err(why) => {
                out.push(ForeignFile {
                    path: f.origin,
                    problem: Problem::Unloadable(why),
                });
                continue;
            }
        };
        for router in &defs.routers {
            // Only the hosts a router may name need the rule, unless it
            // matches hosts by pattern or may outrank authgate everywhere.
            let outranks = router.effective_priority() >= i64::from(PRIORITY_MAIN);
            let candidates: Vec<&ClaimedHost> = match router.named_hosts() {
                Some(hosts) if !outranks => hosts
                    .iter()
                    .filter_map(|h| by_host.get(h.as_str()))
                    .flatten()
                    .copied()
                    .collect(),
                _ => claimed.iter().collect(),
            };
            for holder in candidates {
                let name = format!("{}@{}", router.name, f.provider);
                let (host, app_name) = (holder.host.clone(), holder.app_name.clone());
                let problem = match standing(router, f.provider, holder, &providers) {
                    Standing::Clear => continue,
                    Standing::Competes => Problem::Shadowing {
                        router: name,
                        host,
                        app_name,
                    },
                    Standing::Bypasses => Problem::Bypassing {
                        router: name,
                        host,
                        app_name,
                    },
                };
                out.push(ForeignFile {
                    path: f.origin.clone(),
                    problem,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}
