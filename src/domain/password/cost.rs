//! bcrypt costs: the bounds, the installation's cost and its cap, and what
//! a hash will cost Traefik on every request.

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::settings;

pub const MIN_COST: u32 = 4;
pub const MAX_COST: u32 = 31;
pub const DEFAULT_COST: u32 = 10;

/// The highest bcrypt cost accepted unless an installation owner raises it
/// (`max-bcrypt-cost`). Traefik checks a hash on every request, even one
/// for an unknown username, and cost 14 already takes about 1.1 s of its
/// CPU per request (cost 10: about 70 ms); cost 31 would take days.
pub const DEFAULT_MAX_COST: u32 = 14;

/// Refuses a cost above the installation's limit.
pub fn check_cost_limit(cost: u32, limit: u32) -> Result<()> {
    if cost <= limit {
        return Ok(());
    }
    Err(Error::bad_request(format!(
        "bcrypt cost {cost} is above this installation's limit of {limit}: Traefik verifies the hash on every request, even one with an unknown username, and each step doubles its CPU time (cost 14 takes about 1.1 s per request); an installation owner can raise the limit with `authgate settings set max-bcrypt-cost`"
    )))
}

pub fn check_cost(cost: u32) -> Result<()> {
    if (MIN_COST..=MAX_COST).contains(&cost) {
        Ok(())
    } else {
        Err(Error::bad_request(format!(
            "bcrypt cost must be between {MIN_COST} and {MAX_COST}, got {cost}"
        )))
    }
}

/// The bcrypt cost of a new hash: `requested`, or the installation's
/// setting (`bcrypt-cost`); within the bounds and the installation's cap.
pub fn installation_cost(conn: &Connection, requested: Option<u32>) -> Result<u32> {
    let cost = match requested {
        Some(c) => c,
        None => settings::get(conn, settings::BCRYPT_COST)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_COST),
    };
    check_cost(cost)?;
    check_cost_limit(cost, cost_cap(conn)?)?;
    Ok(cost)
}

/// The installation's cap on bcrypt costs (`max-bcrypt-cost`).
pub fn cost_cap(conn: &Connection) -> Result<u32> {
    Ok(settings::get(conn, settings::MAX_BCRYPT_COST)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_COST))
}

/// The CPU time this thread has used so far, if the system says: what
/// hashing costs, whatever else the machine is doing meanwhile (wall time
/// on a busy machine can be many times more).
pub fn thread_cpu_time() -> Option<std::time::Duration> {
    use std::ffi::{c_int, c_long};

    /// `struct timespec` of glibc on Linux: `time_t` and `long` are both a
    /// `long` there.
    #[repr(C)]
    struct Timespec {
        tv_sec: c_long,
        tv_nsec: c_long,
    }
    /// `CLOCK_THREAD_CPUTIME_ID` on Linux.
    const CLOCK_THREAD_CPUTIME_ID: c_int = 3;
    unsafe extern "C" {
        fn clock_gettime(clock: c_int, tp: *mut Timespec) -> c_int;
    }
    let mut t = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; clock_gettime writes only it.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return None;
    }
    Some(std::time::Duration::new(
        u64::try_from(t.tv_sec).ok()?,
        u32::try_from(t.tv_nsec).ok()?,
    ))
}

/// A duration to two significant digits, for an estimate: `72 ms`,
/// `2.3 ms`, `1.1 s`.
pub fn about(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{} ms", (ms / 10.0).round() * 10.0)
    } else if ms >= 10.0 {
        format!("{} ms", ms.round())
    } else if ms >= 0.1 {
        format!("{:.1} ms", ms)
    } else {
        format!("{:.2} ms", ms)
    }
}

#[cfg(test)]
mod tests {
    use super::about;
    use std::time::Duration;

    #[test]
    fn estimates_keep_two_significant_digits() {
        assert_eq!(about(Duration::from_micros(71_600)), "72 ms");
        assert_eq!(about(Duration::from_micros(2_260)), "2.3 ms");
        assert_eq!(about(Duration::from_micros(364_000)), "360 ms");
        assert_eq!(about(Duration::from_millis(1_140)), "1.1 s");
        assert_eq!(about(Duration::from_micros(80)), "0.08 ms");
    }
}
