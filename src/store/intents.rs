//! Publish intents: which applications a mutation in progress may have
//! published to its sinks before its transaction commits (ARCHITECTURE.md,
//! "The unit of work").

use rusqlite::{Connection, params};

use crate::error::Result;

/// The app name of an intent that covers every application.
pub(crate) const EVERY_APPLICATION: &str = "*";

/// Records that the mutation `token`, of this process, is about to publish
/// `app_names`.
pub(crate) fn insert(
    conn: &Connection,
    token: &str,
    app_names: &[String],
    now: &str,
) -> Result<()> {
    insert_for(conn, token, &this_process(), app_names, now)
}

/// Records intents of the process `owner`.
pub(crate) fn insert_for(
    conn: &Connection,
    token: &str,
    owner: &str,
    app_names: &[String],
    now: &str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO publish_intents (token, app_name, owner, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for name in app_names {
        stmt.execute(params![token, name, owner, now])?;
    }
    Ok(())
}

/// Whether some intent was left by a process that is gone (its process id
/// now names no process, or one started at another time). An intent of a
/// live process is its own to finish; where processes cannot be told apart
/// (no `/proc`, another PID namespace), an intent counts as left behind.
pub(crate) fn any_left_behind(conn: &Connection) -> Result<bool> {
    let mut stmt = conn.prepare_cached("SELECT DISTINCT owner FROM publish_intents")?;
    let owners = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(owners.iter().any(|owner| !is_alive(owner)))
}

/// This process, as intents name it: `<pid>:<start time>` (the start time
/// tells a process from a later one that got the same id).
pub fn this_process() -> String {
    let pid = std::process::id();
    format!("{pid}:{}", start_time(pid).unwrap_or_default())
}

fn is_alive(owner: &str) -> bool {
    let Some((pid, started)) = owner.split_once(':') else {
        return false;
    };
    match (pid.parse::<u32>(), start_time_of(pid)) {
        (Ok(_), Some(now)) => !started.is_empty() && now == started,
        _ => false,
    }
}

fn start_time(pid: u32) -> Option<String> {
    start_time_of(&pid.to_string())
}

/// Field 22 of `/proc/<pid>/stat`, the process's start time since boot;
/// the fields are counted after the command name, which may hold spaces
/// and parentheses.
fn start_time_of(pid: &str) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19).map(str::to_string)
}

/// Whether any intent is recorded: one lookup of the table's first row.
pub(crate) fn any(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM publish_intents)")?
        .query_row([], |r| r.get(0))?)
}

/// Whether the mutation `token` still has its intents (another process may
/// have taken them over as left behind).
pub(crate) fn held(conn: &Connection, token: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM publish_intents WHERE token = ?1)")?
        .query_row([token], |r| r.get(0))?)
}

/// The app names of every intent not of `token` (the current mutation's),
/// without repeats, in order.
pub(crate) fn left_behind(conn: &Connection, token: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT app_name FROM publish_intents WHERE token <> ?1 ORDER BY app_name",
    )?;
    let names = stmt
        .query_map([token], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Removes the intents of `token`.
pub(crate) fn remove(conn: &Connection, token: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM publish_intents WHERE token = ?1")?
        .execute([token])?;
    Ok(())
}

/// Removes every intent not of `token`, once their applications were
/// published again.
pub(crate) fn remove_left_behind(conn: &Connection, token: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM publish_intents WHERE token <> ?1")?
        .execute([token])?;
    Ok(())
}

/// Removes every intent.
pub(crate) fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM publish_intents", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_gone_or_later_one_is_not() {
        assert!(is_alive(&this_process()));
        let pid = std::process::id();
        assert!(!is_alive(&format!("{pid}:1")), "same id, another start");
        assert!(!is_alive(&format!("{}:1", u32::MAX)), "no such process");
        assert!(!is_alive("garbage"));
    }
}
