//! A key-value sink: Traefik's KV providers (Redis, etcd, Consul,
//! ZooKeeper) read the same key layout under a root key
//! (`traefik::kv`). What differs between stores is the backend: how to read
//! what authgate owns, and how to replace an application's keys atomically.
//!
//! Ownership: inside the subtrees of the names authgate publishes for an
//! application (`<root>/http/routers/<app>/` and those of its extra routers,
//! `<root>/http/routers/<app>.public/` and so on,
//! `<root>/http/services/<app>/`, `<root>/http/middlewares/<app>-auth/`)
//! every key is authgate's, so a key
//! there that the database does not produce is an intruder, reported and
//! removed. Outside them, only the keys the backend recorded as written by
//! authgate are ever deleted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::{Change, Comparison, Finding, Sink, Status};
use crate::error::Result;
use crate::store::applications::Application;
use crate::traefik::{self, DynamicConfig};

/// A key-value store that holds Traefik's configuration.
pub trait KvBackend {
    /// The kind of store (`redis`), which is also Traefik's provider name.
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

    /// The values of `keys` (`None`: no such key).
    fn values(&self, keys: &[String]) -> Result<Vec<Option<String>>>;
}

/// A sink over a key-value backend, under Traefik's root key.
pub struct KvSink<B> {
    pub name: String,
    pub root: String,
    pub backend: B,
}

impl<B: KvBackend> KvSink<B> {
    pub fn new(name: &str, root: &str, backend: B) -> KvSink<B> {
        KvSink {
            name: name.to_string(),
            root: root.to_string(),
            backend,
        }
    }

    /// The keys of a configuration under this sink's root; none for none.
    pub fn keys_for(&self, config: Option<&DynamicConfig>) -> Result<BTreeMap<String, String>> {
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

    fn http_keys(&self) -> Result<Option<super::HttpKeys>> {
        Ok(Some(super::HttpKeys {
            root: self.root.clone(),
            endpoint: self.backend.endpoint().to_string(),
            keys: self
                .backend
                .keys_with_prefix(&format!("{}/http/", self.root))?,
        }))
    }

    fn values(&self, keys: &[String]) -> Result<Vec<Option<String>>> {
        self.backend.values(keys)
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
            .chain([
                format!("services/{}", app.app_name),
                format!("middlewares/{}", app.middleware_name()),
            ]);
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
