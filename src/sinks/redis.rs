//! The Redis sink: Traefik's Redis provider reads its dynamic configuration
//! from keys under a root key, so every Traefik node sees a change at once.
//!
//! Each application's keys are replaced in one `MULTI`/`EXEC` transaction, so
//! a node never sees a half-written set. Ownership is recorded in Redis, in a
//! set per application outside Traefik's root
//! (`authgate/owned/<root>/<app_name>`): only keys listed there are ever
//! deleted, so keys written by other tools under the same root survive.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use redis::{Commands, Connection, IntoConnectionInfo};
use serde::Serialize;

use crate::domain::drift::{Finding, Status};
use crate::error::{Error, Result};

const TIMEOUT: Duration = Duration::from_secs(5);

/// A Redis sink as configured (`authgate sink add redis ...`). The password
/// is never stored: only where to read it from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SinkConfig {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub root_key: String,
    pub password_file: Option<String>,
    pub password_env: Option<String>,
    pub created_at: String,
}

pub struct RedisSink {
    pub name: String,
    /// The URL, for messages (it never carries a password).
    pub endpoint: String,
    pub root: String,
    config: SinkConfig,
    conn: RefCell<Option<Connection>>,
}

/// Checks a sink's URL and root key before they are stored.
pub fn check_config(url: &str, root_key: &str) -> Result<()> {
    let parsed = url::Url::parse(url)
        .map_err(|e| Error::bad_request(format!("invalid Redis URL '{url}': {e}")))?;
    if parsed.scheme() != "redis" && parsed.scheme() != "rediss" {
        return Err(Error::bad_request(format!(
            "invalid Redis URL '{url}': use redis://HOST:PORT/DB, or rediss:// for TLS"
        )));
    }
    if parsed.password().is_some() || !parsed.username().is_empty() {
        return Err(Error::bad_request(
            "the Redis URL must not carry credentials (the command line is visible to other users): use --password-file or --password-env",
        ));
    }
    let ok = !root_key.is_empty()
        && root_key.split('/').all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
        && root_key != "authgate"
        && !root_key.starts_with("authgate/");
    if !ok {
        return Err(Error::bad_request(format!(
            "invalid root key '{}': use letters, digits, '-', '_', '.' separated by '/', not under 'authgate'",
            crate::domain::validate::printable(root_key)
        )));
    }
    Ok(())
}

impl RedisSink {
    /// A sink as configured; nothing is read or connected until first use,
    /// so commands that do not publish never need Redis or its password.
    pub fn new(config: &SinkConfig) -> Result<RedisSink> {
        Ok(RedisSink {
            name: config.name.clone(),
            endpoint: config.url.clone(),
            root: config.root_key.clone(),
            config: config.clone(),
            conn: RefCell::new(None),
        })
    }

    /// The client, with the password read from its file or variable now.
    fn client(&self) -> Result<redis::Client> {
        let config = &self.config;
        let mut info =
            config.url.as_str().into_connection_info().map_err(|e| {
                Error::bad_request(format!("invalid Redis URL '{}': {e}", config.url))
            })?;
        let password = match (&config.password_file, &config.password_env) {
            (Some(path), _) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| {
                        Error::internal(format!(
                            "cannot read the password of Redis sink '{}' from {path}: {e}",
                            config.name
                        ))
                    })?
                    .trim_end_matches(['\n', '\r'])
                    .to_string(),
            ),
            (None, Some(var)) => Some(std::env::var(var).map_err(|_| {
                Error::internal(format!(
                    "the password of Redis sink '{}' is read from ${var}, which is not set",
                    config.name
                ))
            })?),
            (None, None) => None,
        };
        if let Some(password) = password {
            let settings = info.redis_settings().clone().set_password(password);
            info = info.set_redis_settings(settings);
        }
        redis::Client::open(info)
            .map_err(|e| Error::internal(format!("Redis sink '{}': {e}", config.name)))
    }

    fn fail(&self, what: &str, e: impl std::fmt::Display) -> Error {
        Error::internal(format!(
            "Redis sink '{}' at {}: cannot {what}: {e}",
            self.name, self.endpoint
        ))
    }

    /// Runs `f` on the connection, opening it on first use.
    fn with_conn<T>(
        &self,
        what: &str,
        f: impl FnOnce(&mut Connection) -> redis::RedisResult<T>,
    ) -> Result<T> {
        let mut slot = self.conn.borrow_mut();
        if slot.is_none() {
            let conn = self
                .client()?
                .get_connection_with_timeout(TIMEOUT)
                .map_err(|e| self.fail("connect", e))?;
            conn.set_read_timeout(Some(TIMEOUT))
                .and_then(|()| conn.set_write_timeout(Some(TIMEOUT)))
                .map_err(|e| self.fail("connect", e))?;
            *slot = Some(conn);
        }
        let conn = slot.as_mut().expect("connected above");
        f(conn).map_err(|e| {
            // A broken connection is not reused.
            *slot = None;
            self.fail(what, e)
        })
    }

    fn marker(&self, app_name: &str) -> String {
        format!("authgate/owned/{}/{app_name}", self.root)
    }

    /// The keys of a configuration under this sink's root; none for none.
    pub fn keys_for(
        &self,
        config: Option<&crate::traefik::DynamicConfig>,
    ) -> Result<BTreeMap<String, String>> {
        config.map_or(Ok(BTreeMap::new()), |c| {
            crate::traefik::kv::flatten(&self.root, c)
        })
    }

    pub fn ping(&self) -> Result<()> {
        self.with_conn("ping", |c| redis::cmd("PING").query::<String>(c))
            .map(|_| ())
    }

    /// Replaces an application's keys with `keys` (none: removes them), in
    /// one MULTI/EXEC transaction. Only keys this sink owns are deleted.
    pub fn publish(&self, app_name: &str, keys: &BTreeMap<String, String>) -> Result<()> {
        self.publish_removing(app_name, keys, &[])
    }

    /// [`RedisSink::publish`], also deleting `intruders`: keys inside the
    /// subtrees of the application's names that authgate did not write.
    pub fn publish_removing(
        &self,
        app_name: &str,
        keys: &BTreeMap<String, String>,
        intruders: &[String],
    ) -> Result<()> {
        let marker = self.marker(app_name);
        let prefix = format!("{}/", self.root);
        self.with_conn("publish", |c| {
            let owned: BTreeSet<String> = c.smembers(&marker)?;
            let stale: Vec<&String> = owned
                .iter()
                .filter(|k| k.starts_with(&prefix) && !keys.contains_key(*k))
                .chain(intruders.iter().filter(|k| !keys.contains_key(*k)))
                .collect();
            let mut pipe = redis::pipe();
            pipe.atomic();
            if !stale.is_empty() {
                pipe.del(stale).ignore();
            }
            pipe.del(&marker).ignore();
            if !keys.is_empty() {
                let pairs: Vec<(&String, &String)> = keys.iter().collect();
                pipe.mset(&pairs).ignore();
                pipe.sadd(&marker, keys.keys().collect::<Vec<_>>()).ignore();
            }
            pipe.query::<()>(c)
        })
    }

    /// The keys this sink owns for an application, with their values now.
    pub fn read(&self, app_name: &str) -> Result<BTreeMap<String, Option<String>>> {
        let marker = self.marker(app_name);
        self.with_conn("read", |c| {
            let owned: Vec<String> = c.smembers(&marker)?;
            if owned.is_empty() {
                return Ok(BTreeMap::new());
            }
            let values: Vec<Option<String>> = redis::cmd("MGET").arg(&owned).query(c)?;
            Ok(owned.into_iter().zip(values).collect())
        })
    }

    /// Every key under `<root>/http/` inside the subtree of a router, a
    /// service or a middleware, grouped by that subtree (`routers/shop`,
    /// `middlewares/shop-auth`, ...). One SCAN of the keyspace.
    pub fn subtrees(&self) -> Result<BTreeMap<String, Vec<String>>> {
        let prefix = format!("{}/http/", self.root);
        self.with_conn("list keys", |c| {
            let keys: Vec<String> = c
                .scan_match::<_, String>(format!("{prefix}*"))?
                .collect::<redis::RedisResult<_>>()?;
            let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for key in keys {
                let mut parts = key[prefix.len()..].splitn(3, '/');
                if let (Some(kind), Some(name), Some(_)) =
                    (parts.next(), parts.next(), parts.next())
                {
                    out.entry(format!("{kind}/{name}"))
                        .or_default()
                        .push(key.clone());
                }
            }
            Ok(out)
        })
    }

    /// Applications this sink holds keys for.
    pub fn owned_apps(&self) -> Result<Vec<String>> {
        let prefix = self.marker("");
        self.with_conn("list owned keys", |c| {
            let keys: Vec<String> = c
                .scan_match::<_, String>(format!("{prefix}*"))?
                .collect::<redis::RedisResult<_>>()?;
            let mut apps: Vec<String> = keys
                .iter()
                .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
                .collect();
            apps.sort();
            Ok(apps)
        })
    }
}

/// The keys a sink should hold for an application, rendered from `conn`.
fn expected_keys(
    conn: &rusqlite::Connection,
    sink: &RedisSink,
    app: &crate::store::applications::Application,
) -> Result<BTreeMap<String, String>> {
    let creds = crate::store::security::of_app(conn, &app.application_id)?;
    sink.keys_for(crate::traefik::render(app, &creds).as_ref())
}

/// Compares what the sink holds with what the database renders, application
/// by application, and lists keys it owns for applications that no longer
/// exist. Read-only.
pub fn check(conn: &rusqlite::Connection, sink: &RedisSink) -> Result<Vec<Finding>> {
    use crate::store::applications;
    let mut findings = Vec::new();
    let mut known = BTreeSet::new();
    let location = |app_name: &str| {
        std::path::PathBuf::from(format!("{}#{}/{app_name}", sink.endpoint, sink.root))
    };
    let subtrees = sink.subtrees()?;
    for app in applications::all(conn)? {
        known.insert(app.app_name.clone());
        let want = expected_keys(conn, sink, &app)?;
        let have = sink.read(&app.app_name)?;
        let intruders = intruders(&subtrees, &app, &want);
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
            continue;
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
        findings.push(Finding {
            path: location(&app.app_name),
            app_name: Some(app.app_name.clone()),
            status,
            detail: format!("Redis sink '{}': {detail}", sink.name),
        });
    }
    for app_name in sink.owned_apps()? {
        if !known.contains(&app_name) {
            findings.push(Finding {
                path: location(&app_name),
                app_name: Some(app_name),
                status: Status::Orphaned,
                detail: format!(
                    "Redis sink '{}': keys of an application that no longer exists",
                    sink.name
                ),
            });
        }
    }
    Ok(findings)
}

/// Keys inside the subtrees of an application's names (its router, its
/// service and its middleware) that the database does not produce: every
/// key there is authgate's, so another is an intruder (an injected user,
/// say), whoever wrote it.
fn intruders(
    subtrees: &BTreeMap<String, Vec<String>>,
    app: &crate::store::applications::Application,
    want: &BTreeMap<String, String>,
) -> Vec<String> {
    [
        format!("routers/{}", app.app_name),
        format!("services/{}", app.app_name),
        format!("middlewares/{}", app.middleware_name()),
    ]
    .iter()
    .filter_map(|subtree| subtrees.get(subtree))
    .flatten()
    .filter(|k| !want.contains_key(*k))
    .cloned()
    .collect()
}

/// Key names for a message (never their values, which may hold hashes).
fn key_list(keys: &[&String]) -> String {
    const SHOWN: usize = 5;
    let mut list = keys
        .iter()
        .take(SHOWN)
        .map(|k| crate::domain::validate::printable(k))
        .collect::<Vec<_>>()
        .join(", ");
    if keys.len() > SHOWN {
        list.push_str(&format!(" and {} more", keys.len() - SHOWN));
    }
    list
}

/// Repairs the findings of `check`: republishes or removes each
/// application's keys, deleting intruders in its subtrees, one transaction
/// per application.
pub fn repair(conn: &rusqlite::Connection, sink: &RedisSink, findings: &[Finding]) -> Result<()> {
    use crate::store::applications;
    let subtrees = if findings.is_empty() {
        BTreeMap::new()
    } else {
        sink.subtrees()?
    };
    for f in findings {
        let Some(app_name) = &f.app_name else {
            continue;
        };
        match applications::by_app_name(conn, app_name)? {
            Some(app) => {
                let keys = expected_keys(conn, sink, &app)?;
                sink.publish_removing(app_name, &keys, &intruders(&subtrees, &app, &keys))?;
            }
            None => sink.publish(app_name, &BTreeMap::new())?,
        }
    }
    Ok(())
}

/// Adds a Redis sink (owners only, audited), after checking that it answers,
/// and publishes every application to it in the same step.
pub fn add(session: &mut crate::domain::session::Session, config: SinkConfig) -> Result<usize> {
    use crate::store::audit::Event;
    check_config(&config.url, &config.root_key)?;
    crate::domain::validate::identifier("sink name", &config.name)?;
    // The variable is read in every process that publishes, whoever runs it:
    // it must not be one that holds something else, such as an API key.
    if let Some(var) = &config.password_env
        && var.starts_with("AUTHGATE_")
        && !var.starts_with("AUTHGATE_REDIS_")
    {
        return Err(Error::bad_request(format!(
            "--password-env {var}: use a variable of its own (for example AUTHGATE_REDIS_PASSWORD), not one of authgate's"
        )));
    }
    let sink = RedisSink::new(&config)?;
    session.write(Event::new("sink.add").target("sink", &config.name), |m| {
        m.actor.require_installation_owner(m.conn(), "add sinks")?;
        let existing = crate::store::sinks::all(m.conn())?;
        if existing.iter().any(|s| s.name == config.name) {
            return Err(Error::conflict(format!(
                "a sink named '{}' already exists",
                config.name
            )));
        }
        if existing
            .iter()
            .any(|s| s.url == config.url && s.root_key == config.root_key)
        {
            return Err(Error::conflict(format!(
                "{} with root key '{}' is already a sink",
                config.url, config.root_key
            )));
        }
        sink.ping()?;
        crate::store::sinks::insert(m.conn(), &config)?;
        let findings = check(m.conn(), &sink)?;
        repair(m.conn(), &sink, &findings)?;
        m.audit(
            &Event::new("sink.add")
                .target("sink", &config.name)
                .detail(format!(
                    "redis {} root key '{}', {} application(s) published",
                    config.url,
                    config.root_key,
                    findings.len()
                )),
        )?;
        Ok(findings.len())
    })
}

/// The configured sinks, for installation owners only: their URLs and
/// password locations are every organization's routing.
pub fn list(session: &crate::domain::session::Session) -> Result<Vec<SinkConfig>> {
    session.read(
        crate::store::audit::Event::new("sink.list"),
        |conn, actor| {
            actor.require_installation_owner(conn, "list sinks")?;
            crate::store::sinks::all(conn)
        },
    )
}

/// Removes a sink (owners only, audited). With `purge`, first deletes the
/// keys it owns there; otherwise Traefik keeps what it last read.
pub fn remove(
    session: &mut crate::domain::session::Session,
    name: &str,
    purge: bool,
) -> Result<usize> {
    use crate::store::audit::Event;
    session.write(Event::new("sink.remove").target("sink", name), |m| {
        m.actor
            .require_installation_owner(m.conn(), "remove sinks")?;
        let not_found = || {
            Error::not_found(format!(
                "no sink named '{}'",
                crate::domain::validate::printable(name)
            ))
        };
        let config = crate::store::sinks::all(m.conn())?
            .into_iter()
            .find(|s| s.name == name)
            .ok_or_else(not_found)?;
        let mut purged = 0;
        if purge {
            let sink = RedisSink::new(&config)?;
            for app in sink.owned_apps()? {
                sink.publish(&app, &BTreeMap::new())?;
                purged += 1;
            }
        }
        crate::store::sinks::delete(m.conn(), name)?;
        m.audit(
            &Event::new("sink.remove")
                .target("sink", name)
                .detail(format!("{} application key set(s) purged", purged)),
        )?;
        Ok(purged)
    })
}
