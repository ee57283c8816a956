//! A key-value sink: Traefik's KV providers (Redis, etcd, Consul,
//! ZooKeeper) read the same key layout under a root key
//! (`traefik::kv`). What differs between stores is the backend: how to read
//! what authgate owns, and how to replace an application's keys atomically;
//! and what a provider is to the rest of authgate (its kind, its URLs, its
//! help) is its [`KvProvider`], which its backend file exports.
//!
//! Ownership: inside the subtrees of the names authgate publishes for an
//! application (`<root>/http/routers/<app>/` and those of its extra routers,
//! `<root>/http/routers/<app>.public/` and so on,
//! `<root>/http/services/<app>/`, `<root>/http/middlewares/<app>-auth/`)
//! every key is authgate's, so a key
//! there that the database does not produce is an intruder, reported and
//! removed. Outside them, only the keys the backend recorded as written by
//! authgate are ever deleted.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use super::{Change, Comparison, Finding, Foreign, Sink, Status};
use crate::error::Result;
use crate::store::applications::Application;
use crate::store::sinks::SinkRow;
use crate::traefik::rules::{Definitions, Router};
use crate::traefik::{self, DynamicConfig};

/// At most this many keys under a root are read for what authgate did not
/// write; beyond it the reading fails, saying so.
const MAX_FOREIGN_KEYS: usize = 200_000;

/// One key-value provider, as the rest of authgate knows it: every fact
/// that differs between providers. Each backend file exports one
/// (`redis::PROVIDER`), and `configured::PROVIDERS` lists them; nothing else
/// names a provider.
pub struct KvProvider {
    /// The kind `sink add` takes, which is also Traefik's provider name
    /// (`providers.<kind>`, `<middleware>@<kind>`).
    pub kind: &'static str,
    /// The store's name in messages (`Redis`).
    pub title: &'static str,
    /// The URL schemes it takes (`redis`, `rediss`).
    pub schemes: &'static [&'static str],
    /// The port of a URL that gives none.
    pub default_port: u16,
    /// How to write its URL, for help and errors (never with a password).
    pub url_help: &'static str,
    /// A `sink add` command line, for help.
    pub example: &'static str,
    /// Checks a configuration beyond what every provider checks (its URL's
    /// scheme is one of `schemes` and it carries no credentials, the root
    /// key), before it is stored: the parsed URL, and the row (a provider
    /// that takes no password refuses a password source).
    pub check: fn(&SinkRow, &url::Url) -> Result<()>,
    /// The sink of a configured row, with the timeout of each connection
    /// and request; nothing is connected until first use.
    pub open: fn(&SinkRow, std::time::Duration) -> Box<dyn Sink>,
}

/// The password of a sink, read now from its file or variable (`None`: the
/// store takes none). A password is never stored, only where to read it.
pub(crate) fn read_password(row: &SinkRow, title: &str) -> Result<Option<String>> {
    // Without its password the sink cannot be reached: it is down for this
    // command, like a server that does not answer.
    strict_password(row, title).map_err(|e| crate::error::Error::unavailable(e.to_string()))
}

/// The sink's password, read now; what is wrong with its file or variable
/// is the operator's to mend (`sink add` reads it so).
pub(crate) fn strict_password(row: &SinkRow, title: &str) -> Result<Option<String>> {
    crate::input::secret(
        row.password_file.as_deref(),
        row.password_env.as_deref(),
        &format!("{title} sink '{}'", row.name),
    )
}

/// A key-value store that holds Traefik's configuration.
pub(crate) trait KvBackend {
    /// The kind of store (`redis`), which is also Traefik's provider name:
    /// its provider's [`KvProvider::kind`].
    fn kind(&self) -> &'static str;

    /// Where it is, for messages (never with a password).
    fn endpoint(&self) -> &str;

    /// Answers, or fails saying why.
    fn ping(&self) -> Result<()>;

    /// The keys authgate recorded as written for an application, with their
    /// values now (`None`: recorded but gone).
    fn read_owned(&self, app_name: &str) -> Result<BTreeMap<String, Option<String>>>;

    /// Replaces an application's keys with `keys` in one atomic step:
    /// deletes the keys it owned that `keys` lacks, and `intruders`, writes
    /// `keys`, and records them as owned. No reader sees a partial set.
    fn replace(
        &self,
        app_name: &str,
        keys: &BTreeMap<String, String>,
        intruders: &[String],
    ) -> Result<()>;

    /// The applications it holds owned keys for.
    fn owned_apps(&self) -> Result<Vec<String>>;

    /// Every key that starts with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>>;

    /// The values of `keys`, in their order (`None`: no such key).
    fn values(&self, keys: &[String]) -> Result<Vec<Option<String>>>;
}

/// A sink over a key-value backend, under Traefik's root key.
pub(crate) struct KvSink<B> {
    pub name: String,
    pub root: String,
    pub backend: B,
}

impl<B: KvBackend> KvSink<B> {
    pub(crate) fn new(name: &str, root: &str, backend: B) -> KvSink<B> {
        KvSink {
            name: name.to_string(),
            root: root.to_string(),
            backend,
        }
    }

    /// The keys of a configuration under this sink's root; none for none.
    pub(crate) fn keys_for(
        &self,
        config: Option<&DynamicConfig>,
    ) -> Result<BTreeMap<String, String>> {
        config.map_or(Ok(BTreeMap::new()), |c| traefik::kv::flatten(&self.root, c))
    }

    /// Every key inside a router's, service's or middleware's subtree,
    /// grouped by that subtree (`routers/shop`, `middlewares/shop-auth`).
    fn subtrees(&self) -> Result<BTreeMap<String, Vec<String>>> {
        let prefix = format!("{}/http/", self.root);
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for key in self.backend.keys_with_prefix(&prefix)? {
            let mut parts = key[prefix.len()..].splitn(3, '/');
            if let (Some(kind), Some(name), Some(_)) = (parts.next(), parts.next(), parts.next()) {
                out.entry(format!("{kind}/{name}"))
                    .or_default()
                    .push(key.clone());
            }
        }
        Ok(out)
    }

    /// What replacing an application's keys with `keys` would change, as
    /// [`KvBackend::replace`] replaces them: the owned keys under the root
    /// that `keys` lacks are deleted (a recorded key already gone is no
    /// change), and every key of `keys` whose value differs is set.
    fn change(&self, app_name: &str, keys: BTreeMap<String, String>) -> Result<Change> {
        let have = self.backend.read_owned(app_name)?;
        let prefix = format!("{}/", self.root);
        let delete = have
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix) && !keys.contains_key(*k))
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
            .collect();
        let set = keys
            .into_iter()
            .filter_map(|(k, v)| {
                let now = have.get(&k).cloned().flatten();
                (now.as_ref() != Some(&v)).then_some((k, (now, v)))
            })
            .collect();
        Ok(Change::Keys {
            sink: self.name.clone(),
            kind: self.backend.kind(),
            endpoint: self.backend.endpoint().to_string(),
            app_name: app_name.to_string(),
            set,
            delete,
        })
    }

    /// The routers, services and middlewares under the root whose subtrees
    /// are not authgate's, each router with its rule, entry points,
    /// middlewares and priority. `http` and `tcp` routers both.
    fn foreign_definitions(&self, app_names: &HashSet<String>) -> Result<Vec<Foreign>> {
        let mut owned: HashSet<String> = HashSet::new();
        for app in app_names.iter().cloned().chain(self.backend.owned_apps()?) {
            for router in traefik::router_names(&app) {
                owned.insert(format!("routers/{router}"));
            }
            owned.insert(format!("services/{app}"));
            for middleware in traefik::middleware_names(&app) {
                owned.insert(format!("middlewares/{middleware}"));
            }
        }
        let mut routers: BTreeMap<(String, String), BTreeMap<String, String>> = BTreeMap::new();
        let mut services = BTreeSet::new();
        let mut middlewares = BTreeSet::new();
        for protocol in ["http", "tcp"] {
            let prefix = format!("{}/{protocol}/", self.root);
            let keys = self.backend.keys_with_prefix(&prefix)?;
            if keys.len() > MAX_FOREIGN_KEYS {
                return Err(crate::error::Error::internal(format!(
                    "{} sink '{}' holds more than {MAX_FOREIGN_KEYS} keys under {prefix}: not read",
                    self.backend.kind(),
                    self.name
                )));
            }
            let mut wanted = Vec::new();
            for key in keys {
                let mut parts = key[prefix.len()..].splitn(3, '/');
                let (Some(kind), Some(name), rest) = (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                if protocol == "http" && owned.contains(&format!("{kind}/{name}")) {
                    continue;
                }
                match (protocol, kind) {
                    (_, "routers") => {
                        routers
                            .entry((protocol.to_string(), name.to_string()))
                            .or_default();
                        let field = rest.unwrap_or_default();
                        if field == "rule"
                            || field == "priority"
                            || field.starts_with("entryPoints/")
                            || field.starts_with("middlewares/")
                        {
                            wanted.push((protocol, name.to_string(), field.to_string(), key));
                        }
                    }
                    ("http", "services") => {
                        services.insert(name.to_string());
                    }
                    ("http", "middlewares") => {
                        middlewares.insert(name.to_string());
                    }
                    _ => {}
                }
            }
            let keys: Vec<String> = wanted.iter().map(|w| w.3.clone()).collect();
            let values = self.backend.values(&keys)?;
            for ((protocol, name, field, _), value) in wanted.into_iter().zip(values) {
                let Some(value) = value else { continue };
                routers
                    .entry((protocol.to_string(), name))
                    .or_default()
                    .insert(field, value);
            }
        }
        let mut out = Vec::new();
        for ((protocol, name), fields) in routers {
            // Lists are numbered keys; their order is the numbers'.
            let list = |what: &str| -> Vec<String> {
                let mut items: Vec<(u64, String)> = fields
                    .iter()
                    .filter_map(|(k, v)| {
                        let n = k.strip_prefix(what)?.strip_prefix('/')?.parse().ok()?;
                        Some((n, v.clone()))
                    })
                    .collect();
                items.sort();
                items.into_iter().map(|(_, v)| v).collect()
            };
            let router = Router {
                name: name.clone(),
                rule: fields.get("rule").cloned(),
                entry_points: list("entryPoints"),
                middlewares: list("middlewares"),
                priority: fields.get("priority").and_then(|p| p.parse().ok()),
            };
            out.push(Foreign {
                origin: PathBuf::from(format!(
                    "{}#{}/{protocol}/routers/{name}",
                    self.backend.endpoint(),
                    self.root
                )),
                provider: self.backend.kind(),
                read: Ok(Definitions {
                    routers: vec![router],
                    ..Definitions::default()
                }),
            });
        }
        if !services.is_empty() || !middlewares.is_empty() {
            out.push(Foreign {
                origin: PathBuf::from(format!("{}#{}/http", self.backend.endpoint(), self.root)),
                provider: self.backend.kind(),
                read: Ok(Definitions {
                    routers: Vec::new(),
                    services: services.into_iter().collect(),
                    middlewares: middlewares.into_iter().collect(),
                }),
            });
        }
        Ok(out)
    }

    /// Where an application's keys are, for findings.
    fn location(&self, app_name: &str) -> PathBuf {
        PathBuf::from(format!(
            "{}#{}/{app_name}",
            self.backend.endpoint(),
            self.root
        ))
    }
}

impl<B: KvBackend> Sink for KvSink<B> {
    fn provider(&self) -> &'static str {
        self.backend.kind()
    }

    fn ping(&self) -> Result<()> {
        self.backend.ping()
    }

    fn publish(&self, app: &Application, config: Option<&DynamicConfig>) -> Result<()> {
        self.backend
            .replace(&app.app_name, &self.keys_for(config)?, &[])
    }

    fn unpublish(&self, app_name: &str) -> Result<()> {
        self.backend.replace(app_name, &BTreeMap::new(), &[])
    }

    fn preview(&self, app: &Application, config: Option<&DynamicConfig>) -> Result<Change> {
        self.change(&app.app_name, self.keys_for(config)?)
    }

    fn preview_unpublish(&self, app_name: &str) -> Result<Change> {
        self.change(app_name, BTreeMap::new())
    }

    fn foreign(&self, app_names: &HashSet<String>) -> Result<Vec<Foreign>> {
        self.foreign_definitions(app_names)
    }

    fn compare(&self) -> Result<Box<dyn Comparison + '_>> {
        Ok(Box::new(KvComparison {
            sink: self,
            subtrees: self.subtrees()?,
            known: BTreeSet::new(),
            findings: Vec::new(),
            repairs: Vec::new(),
        }))
    }
}

struct KvComparison<'s, B> {
    sink: &'s KvSink<B>,
    subtrees: BTreeMap<String, Vec<String>>,
    known: BTreeSet<String>,
    findings: Vec<Finding>,
    /// App name, the keys it should hold, and the intruders to delete.
    repairs: Vec<(String, BTreeMap<String, String>, Vec<String>)>,
}

impl<B: KvBackend> Comparison for KvComparison<'_, B> {
    fn expect(&mut self, app: &Application, config: Option<&DynamicConfig>) -> Result<()> {
        let sink = self.sink;
        self.known.insert(app.app_name.clone());
        let want = sink.keys_for(config)?;
        let have = sink.backend.read_owned(&app.app_name)?;
        let subtrees = traefik::router_names(&app.app_name)
            .into_iter()
            .map(|r| format!("routers/{r}"))
            .chain([format!("services/{}", app.app_name)])
            .chain(
                traefik::middleware_names(&app.app_name)
                    .into_iter()
                    .map(|m| format!("middlewares/{m}")),
            );
        let intruders: Vec<String> = subtrees
            .filter_map(|subtree| self.subtrees.get(&subtree))
            .flatten()
            .filter(|k| !want.contains_key(*k))
            .cloned()
            .collect();
        let missing: Vec<&String> = want.keys().filter(|k| !have.contains_key(*k)).collect();
        let extra: Vec<&String> = have.keys().filter(|k| !want.contains_key(*k)).collect();
        let changed: Vec<&String> = want
            .iter()
            .filter(|(k, v)| {
                have.get(*k)
                    .is_some_and(|h| h.as_deref() != Some(v.as_str()))
            })
            .map(|(k, _)| k)
            .collect();
        if missing.is_empty() && extra.is_empty() && changed.is_empty() && intruders.is_empty() {
            return Ok(());
        }
        let (status, detail) = if have.is_empty() && intruders.is_empty() {
            (
                Status::Missing,
                "the application's keys are missing".to_string(),
            )
        } else {
            let mut parts = Vec::new();
            for (what, keys) in [
                ("missing keys", missing),
                ("keys it should no longer have", extra),
                ("keys with another value", changed),
                (
                    "keys authgate did not write inside the application's names",
                    intruders.iter().collect(),
                ),
            ] {
                if !keys.is_empty() {
                    parts.push(format!("{what}: {}", key_list(&keys)));
                }
            }
            (Status::Different, parts.join("; "))
        };
        self.findings.push(Finding {
            path: sink.location(&app.app_name),
            app_name: Some(app.app_name.clone()),
            status,
            detail: format!("{} sink '{}': {detail}", sink.backend.kind(), sink.name),
        });
        self.repairs.push((app.app_name.clone(), want, intruders));
        Ok(())
    }

    fn finish(mut self: Box<Self>, repair: bool) -> Result<Vec<Finding>> {
        let sink = self.sink;
        for app_name in sink.backend.owned_apps()? {
            if !self.known.contains(&app_name) {
                self.findings.push(Finding {
                    path: sink.location(&app_name),
                    app_name: Some(app_name.clone()),
                    status: Status::Orphaned,
                    detail: format!(
                        "{} sink '{}': keys of an application that no longer exists",
                        sink.backend.kind(),
                        sink.name
                    ),
                });
                self.repairs.push((app_name, BTreeMap::new(), Vec::new()));
            }
        }
        if repair {
            for (app_name, keys, intruders) in &self.repairs {
                sink.backend.replace(app_name, keys, intruders)?;
            }
        }
        Ok(self.findings)
    }
}

/// Key names for a message (never their values, which may hold hashes).
fn key_list(keys: &[&String]) -> String {
    const SHOWN: usize = 5;
    let mut list = keys
        .iter()
        .take(SHOWN)
        .map(|k| k.escape_debug().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if keys.len() > SHOWN {
        list.push_str(&format!(" and {} more", keys.len() - SHOWN));
    }
    list
}
