//! The routers, services and middlewares that authgate did not write, by
//! name and namespace, as the rules on names need them: an app name must
//! not take a name defined there, and must not be given up while a router
//! there references its middleware (ARCHITECTURE.md, "Shared ground"). It
//! is a view of what every sink reports (`domain::foreign::definitions`):
//! the files of the watched directory (Traefik's `file` provider) and,
//! under each key-value sink's root, the subtrees no application owns
//! (that sink's provider). What Traefik cannot load is not read further
//! (`check` reports it).

use rusqlite::Connection;

use crate::domain::foreign;
use crate::error::Result;
use crate::sinks::{Foreign, Sink};

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

/// Reads what every sink holds that authgate did not write.
pub fn definitions(conn: &Connection, sinks: &[Box<dyn Sink>]) -> Result<ForeignDefinitions> {
    let sinks: Vec<&dyn Sink> = sinks.iter().map(|s| s.as_ref()).collect();
    Ok(of(&foreign::definitions(conn, &sinks)?))
}

/// The same, from places already read (`foreign::definitions`).
pub fn of(places: &[Foreign]) -> ForeignDefinitions {
    let mut out = ForeignDefinitions::default();
    for place in places {
        let Ok(defs) = place.read.clone() else {
            continue;
        };
        let origin = place.origin.display().to_string();
        let provider = place.provider.to_string();
        out.routers
            .extend(defs.routers.into_iter().map(|r| ForeignRouter {
                name: r.name,
                provider: provider.clone(),
                rule: r.rule,
                entry_points: r.entry_points,
                middlewares: r.middlewares,
                priority: r.priority,
                origin: origin.clone(),
            }));
        let named = |names: Vec<String>| {
            names
                .into_iter()
                .map(|n| (n, provider.clone(), origin.clone()))
                .collect::<Vec<_>>()
        };
        out.services.extend(named(defs.services));
        out.middlewares.extend(named(defs.middlewares));
    }
    out
}
