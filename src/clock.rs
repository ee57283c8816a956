//! The time authgate acts at: what decides whether a credential has expired,
//! and what timestamps its rows and audit entries.
//!
//! In debug builds only, `AUTHGATE_NOW` (RFC 3339, or unix seconds) sets it,
//! so that the tests of expiry set the time instead of waiting for it. A
//! release build always reads the system clock.

use chrono::{DateTime, Utc};

/// Now.
pub fn now() -> DateTime<Utc> {
    #[cfg(debug_assertions)]
    if let Some(at) = from_env() {
        return at;
    }
    Utc::now()
}

/// A time as authgate stores and prints it: RFC 3339 in UTC, to the
/// millisecond.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `AUTHGATE_NOW`, when set. A value that is not a time is a mistake in
/// the test that set it, so it panics.
#[cfg(debug_assertions)]
fn from_env() -> Option<DateTime<Utc>> {
    let value = std::env::var("AUTHGATE_NOW").ok()?;
    let at = DateTime::parse_from_rfc3339(&value)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            value
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, 0))
        });
    Some(at.unwrap_or_else(|| {
        panic!("AUTHGATE_NOW={value:?} is neither an RFC 3339 time nor unix seconds")
    }))
}
