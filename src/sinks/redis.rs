//! The Redis backend of the key-value sink: Traefik's Redis provider reads
//! its dynamic configuration from keys under a root key, so every Traefik
//! node sees a change at once.
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

use super::kv::{KvBackend, KvProvider, KvSink};
use crate::error::{Error, Result};
use crate::store::sinks::SinkRow;

/// A Redis server, connected on first use.
pub(crate) struct RedisBackend {
    pub name: String,
    /// The URL, for messages (it never carries a password).
    pub endpoint: String,
    pub root: String,
    config: SinkRow,
    /// The most a connection or an answer is waited for.
    timeout: Duration,
    conn: RefCell<Option<Connection>>,
}

/// Redis, as `sink add redis` takes it.
pub(crate) const PROVIDER: KvProvider = KvProvider {
    kind: "redis",
    title: "Redis",
    schemes: &["redis", "rediss"],
    default_port: 6379,
    url_help: "redis://HOST:PORT/DB, or rediss:// for TLS",
    example: "authgate sink add redis redis://10.0.0.2:6379/0 --root-key traefik --password-file /etc/authgate/redis.pw",
    check: |_, _| Ok(()),
    open: |row, timeout| {
        Box::new(KvSink::new(
            &row.name,
            &row.root_key,
            RedisBackend::new(row, timeout),
        ))
    },
};

impl RedisBackend {
    /// A sink as configured; nothing is read or connected until first use,
    /// so commands that do not publish never need Redis or its password.
    pub(crate) fn new(config: &SinkRow, timeout: Duration) -> RedisBackend {
        RedisBackend {
            name: config.name.clone(),
            endpoint: config.url.clone(),
            root: config.root_key.clone(),
            config: config.clone(),
            timeout,
            conn: RefCell::new(None),
        }
    }

    /// The client, with the password read from its file or variable now.
    fn client(&self) -> Result<redis::Client> {
        let config = &self.config;
        let mut info =
            config.url.as_str().into_connection_info().map_err(|e| {
                Error::bad_request(format!("invalid Redis URL '{}': {e}", config.url))
            })?;
        let password = super::kv::read_password(config, PROVIDER.title)?;
        if let Some(password) = password {
            let settings = info.redis_settings().clone().set_password(password);
            info = info.set_redis_settings(settings);
        }
        redis::Client::open(info)
            .map_err(|e| Error::unavailable(format!("Redis sink '{}': {e}", config.name)))
    }

    /// An error of Redis's as authgate's: one that never got an answer
    /// (refused, dropped, timed out) or was refused authentication means
    /// the sink is down; any other answer does not.
    fn fail(&self, what: &str, e: redis::RedisError) -> Error {
        let message = format!(
            "Redis sink '{}' at {}: cannot {what}: {e}",
            self.name, self.endpoint
        );
        if e.is_io_error()
            || e.is_timeout()
            || e.is_connection_dropped()
            || e.is_connection_refusal()
            || e.kind() == redis::ErrorKind::AuthenticationFailed
            || e.code() == Some("NOAUTH")
        {
            Error::unavailable(message)
        } else {
            Error::internal(message)
        }
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
                .get_connection_with_timeout(self.timeout)
                .map_err(|e| self.fail("connect", e))?;
            conn.set_read_timeout(Some(self.timeout))
                .and_then(|()| conn.set_write_timeout(Some(self.timeout)))
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
}

impl KvBackend for RedisBackend {
    fn kind(&self) -> &'static str {
        PROVIDER.kind
    }

    fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn ping(&self) -> Result<()> {
        self.with_conn("ping", |c| redis::cmd("PING").query::<String>(c))
            .map(|_| ())
    }

    fn read_owned(&self, app_name: &str) -> Result<BTreeMap<String, Option<String>>> {
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

    /// One MULTI/EXEC transaction. Only keys this backend owns, and the
    /// intruders it is given, are deleted.
    fn replace(
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
            // Only the keys whose value changes are set: Traefik's Redis
            // provider lists the whole tree once per keyspace notification.
            let names: Vec<&String> = keys.keys().collect();
            let now: Vec<Option<String>> = if names.is_empty() {
                Vec::new()
            } else {
                redis::cmd("MGET").arg(&names).query(c)?
            };
            let changed: Vec<(&String, &String)> = keys
                .iter()
                .zip(now)
                .filter(|((_, v), held)| held.as_ref() != Some(*v))
                .map(|((k, v), _)| (k, v))
                .collect();
            let mut pipe = redis::pipe();
            pipe.atomic();
            if !stale.is_empty() {
                pipe.del(stale).ignore();
            }
            pipe.del(&marker).ignore();
            if !changed.is_empty() {
                pipe.mset(&changed).ignore();
            }
            if !keys.is_empty() {
                pipe.sadd(&marker, names).ignore();
            }
            pipe.query::<()>(c)
        })
    }

    fn owned_apps(&self) -> Result<Vec<String>> {
        let prefix = self.marker("");
        let mut apps: Vec<String> = self
            .keys_with_prefix(&prefix)?
            .iter()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
            .collect();
        apps.sort();
        Ok(apps)
    }

    fn values(&self, keys: &[String]) -> Result<Vec<Option<String>>> {
        let mut out = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(1000) {
            let values: Vec<Option<String>> =
                self.with_conn("read", |c| redis::cmd("MGET").arg(chunk).query(c))?;
            out.extend(values);
        }
        Ok(out)
    }

    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        self.with_conn("list keys", |c| {
            c.scan_match::<_, String>(format!("{prefix}*"))?
                .collect::<redis::RedisResult<_>>()
        })
    }
}
