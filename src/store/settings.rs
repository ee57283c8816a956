//! Key/value settings chosen at `init`, so cron lines need no flags.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

pub(crate) const TRAEFIK_DIR: &str = "traefik_dir";
pub(crate) const BCRYPT_COST: &str = "bcrypt_cost";
pub(crate) const FILE_MODE: &str = "file_mode";
/// The highest bcrypt cost anyone may use (`password::DEFAULT_MAX_COST`
/// when unset).
pub(crate) const MAX_BCRYPT_COST: &str = "max_bcrypt_cost";
/// The lowest zxcvbn score a chosen password may have
/// (`password::strength::DEFAULT_MIN_SCORE` when unset).
pub(crate) const MIN_PASSWORD_SCORE: &str = "min_password_score";
/// How many days an app name given up stays reserved to its organization
/// (`domain::names::DEFAULT_RESERVATION_DAYS` when unset).
pub(crate) const NAME_RESERVATION_DAYS: &str = "name_reservation_days";
/// Quotas on credentials (`domain::accepted`'s defaults when unset).
pub(crate) const MAX_CREDENTIALS_PER_APP: &str = "max_credentials_per_app";
pub(crate) const MAX_CREDENTIALS_PER_ORG: &str = "max_credentials_per_org";
pub(crate) const MAX_CREDENTIALS: &str = "max_credentials";
/// The most an import reads (`domain::accepted::DEFAULT_IMPORT_BYTES`).
pub(crate) const MAX_IMPORT_BYTES: &str = "max_import_bytes";
/// How long every publishing command waits for Traefik by default
/// (`--wait`); `0s` or unset: not at all.
pub(crate) const WAIT: &str = "wait";
/// The most a key-value sink is waited for, per connection and per answer
/// (`domain::installation::DEFAULT_SINK_TIMEOUT` when unset).
pub(crate) const SINK_TIMEOUT: &str = "sink_timeout";
/// The guard's limits (`domain::guard`'s defaults when unset) and the
/// access logs it reads when given none.
pub(crate) const GUARD_MAX_FAILURES: &str = "guard_max_failures";
pub(crate) const GUARD_WINDOW: &str = "guard_window";
pub(crate) const GUARD_BAN: &str = "guard_ban";
pub(crate) const GUARD_MAX_BAN: &str = "guard_max_ban";
pub(crate) const GUARD_MAX_BANS: &str = "guard_max_bans";
pub(crate) const GUARD_IPV6_PREFIX: &str = "guard_ipv6_prefix";
pub(crate) const GUARD_ACCESS_LOG: &str = "guard_access_log";
pub(crate) const INITIALIZED_AT: &str = "initialized_at";
/// The organization created at `init`: its owners administer the whole
/// installation (settings, sinks, check and sync).
pub(crate) const INSTALLATION_ORG: &str = "installation_org";

/// How long a key-value sink is waited for, per connection and per answer,
/// unless `sink-timeout` says otherwise: a sink that is down costs a
/// command this, once, and the change goes on without it.
pub(crate) const DEFAULT_SINK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// The `sink-timeout` setting.
pub(crate) fn sink_timeout(conn: &Connection) -> Result<std::time::Duration> {
    Ok(get(conn, SINK_TIMEOUT)?
        .and_then(|v| humantime::parse_duration(&v).ok())
        .unwrap_or(DEFAULT_SINK_TIMEOUT))
}

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    // Cached: a command reads several settings (quotas, sinks, waits).
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The networks an installation owner allowed as upstreams for one
/// organization, beyond what every organization may reach (comma-separated
/// normalized CIDRs; the key is followed by the organization's id).
pub(crate) const UPSTREAM_NETWORKS: &str = "upstream_networks.";

pub(crate) fn delete(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}

/// Every setting whose key starts with `prefix`, as (rest of the key,
/// value), in key order.
pub(crate) fn with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT substr(key, length(?1) + 1), value FROM settings
         WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key",
    )?;
    let rows = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
