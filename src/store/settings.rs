//! Key/value settings chosen at `init`, so cron lines need no flags.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

pub const TRAEFIK_DIR: &str = "traefik_dir";
pub const BCRYPT_COST: &str = "bcrypt_cost";
pub const FILE_MODE: &str = "file_mode";
/// The highest bcrypt cost anyone may use (`password::DEFAULT_MAX_COST`
/// when unset).
pub const MAX_BCRYPT_COST: &str = "max_bcrypt_cost";
/// The lowest zxcvbn score a chosen password may have
/// (`passwords::DEFAULT_MIN_SCORE` when unset).
pub const MIN_PASSWORD_SCORE: &str = "min_password_score";
/// How many days an app name given up stays reserved to its organization
/// (`domain::names::DEFAULT_RESERVATION_DAYS` when unset).
pub const NAME_RESERVATION_DAYS: &str = "name_reservation_days";
pub const INITIALIZED_AT: &str = "initialized_at";
/// The organization created at `init`: its owners administer the whole
/// installation (settings, sinks, check and sync).
pub const INSTALLATION_ORG: &str = "installation_org";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
