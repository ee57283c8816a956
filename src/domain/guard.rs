//! `authgate guard`: stops password guessing with Traefik's own
//! configuration. It reads Traefik's JSON access logs from where the last
//! run stopped, counts failed logins per client network and application,
//! bans a client that fails too often (a router `<app>.banned` that refuses
//! its every request), and lifts the bans that ran out, publishing through
//! the unit of work like any change (ARCHITECTURE.md, "The guard").

use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::net::IpAddr;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::Access;
use crate::domain::progress::Progress;
use crate::domain::session::{Publishes, Session};
use crate::domain::validate::{self, printable};
use crate::error::{Context as _, Error, Result};
use crate::store::applications::{self, Application};
use crate::store::audit::Event;
use crate::store::guard::{self, Ban};
use crate::store::names;
use crate::store::{settings, timestamp};
use crate::traefik::{self, access_log};

/// Defaults of the guard's settings.
pub const DEFAULT_MAX_FAILURES: u32 = 10;
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(600);
pub const DEFAULT_BAN: Duration = Duration::from_secs(3600);
pub const DEFAULT_MAX_BAN: Duration = Duration::from_secs(86_400);
pub const DEFAULT_MAX_BANS: u32 = 1_000;
pub const DEFAULT_IPV6_PREFIX: u8 = 64;
/// A client banned again within this long of its last ban is banned twice
/// as long.
const REPEAT_WITHIN: Duration = Duration::from_secs(86_400);
/// Clients counted at once, over every application: beyond it, failures of
/// new clients are not counted (and the run says how many), so memory stays
/// bounded whatever the log.
pub const MAX_TRACKED: usize = 200_000;
/// Logs not seen for this long are forgotten.
const FORGET_LOGS_AFTER: Duration = Duration::from_secs(30 * 86_400);

/// What the guard's settings say, with the overrides a run is given.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_failures: u32,
    pub window: Duration,
    pub ban: Duration,
    pub max_ban: Duration,
    pub max_bans: u32,
    pub ipv6_prefix: u8,
}

fn setting<T: std::str::FromStr>(conn: &rusqlite::Connection, key: &str, default: T) -> Result<T> {
    Ok(settings::get(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(default))
}

fn duration_setting(conn: &rusqlite::Connection, key: &str, default: Duration) -> Result<Duration> {
    Ok(settings::get(conn, key)?
        .and_then(|v| humantime::parse_duration(&v).ok())
        .unwrap_or(default))
}

impl Limits {
    fn of(conn: &rusqlite::Connection, run: &RunOptions) -> Result<Limits> {
        Ok(Limits {
            max_failures: match run.max_failures {
                Some(n) => n,
                None => setting(conn, settings::GUARD_MAX_FAILURES, DEFAULT_MAX_FAILURES)?,
            },
            window: match run.window {
                Some(d) => d,
                None => duration_setting(conn, settings::GUARD_WINDOW, DEFAULT_WINDOW)?,
            },
            ban: match run.ban {
                Some(d) => d,
                None => duration_setting(conn, settings::GUARD_BAN, DEFAULT_BAN)?,
            },
            max_ban: duration_setting(conn, settings::GUARD_MAX_BAN, DEFAULT_MAX_BAN)?,
            max_bans: setting(conn, settings::GUARD_MAX_BANS, DEFAULT_MAX_BANS)?,
            ipv6_prefix: setting(conn, settings::GUARD_IPV6_PREFIX, DEFAULT_IPV6_PREFIX)?,
        })
    }
}

/// The access logs `guard` reads when none is given: the `guard-access-log`
/// setting (paths separated by commas).
pub fn configured_logs(session: &Session) -> Result<Vec<PathBuf>> {
    Ok(settings::get(session.conn(), settings::GUARD_ACCESS_LOG)?
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default())
}

/// What one run is asked.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub access_logs: Vec<PathBuf>,
    pub max_failures: Option<u32>,
    pub window: Option<Duration>,
    pub ban: Option<Duration>,
}

/// A network, as the guard stores and matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Net {
    base: IpAddr,
    length: u8,
}

impl Net {
    fn parse(text: &str) -> Option<Net> {
        let (ip, length) = text.split_once('/')?;
        Some(Net {
            base: ip.parse().ok()?,
            length: length.parse().ok()?,
        })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv4() == self.base.is_ipv4() && validate::mask(ip, self.length) == self.base
    }
}

impl std::fmt::Display for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.base, self.length)
    }
}

/// The network a client address is counted and banned as: an IPv4 address
/// alone, an IPv6 address's /64 (or the `guard-ipv6-prefix`), since one
/// host owns a whole /64. An IPv4-mapped IPv6 address is its IPv4 one.
fn client_net(ip: IpAddr, ipv6_prefix: u8) -> Net {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => client_net(IpAddr::V4(v4), ipv6_prefix),
            None => Net {
                base: validate::mask(ip, ipv6_prefix),
                length: ipv6_prefix,
            },
        },
        IpAddr::V4(_) => Net {
            base: ip,
            length: 32,
        },
    }
}

/// The IP of an access log's `ClientAddr` (`192.0.2.7:51234`,
/// `[2001:db8::7]:51234`).
fn client_ip(client_addr: &str) -> Option<IpAddr> {
    if let Ok(addr) = client_addr.parse::<std::net::SocketAddr>() {
        return Some(addr.ip());
    }
    client_addr.parse().ok()
}

/// A network or an address, as an operator gives it to `guard unban`: its
/// stored form.
fn given_net(text: &str, ipv6_prefix: u8) -> Result<Net> {
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(client_net(ip, ipv6_prefix));
    }
    Net::parse(&validate::network_of("client network", text)?)
        .ok_or_else(|| Error::bad_request(format!("invalid address '{}'", printable(text))))
}

/// One access log read by a run.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogRead {
    pub path: String,
    /// Bytes read, from where the last run stopped.
    pub bytes: u64,
    /// Why it was not read (a `.gz`, a missing file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// A ban made or lifted.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BanChange {
    /// `banned`, `lifted` (it ran out, or the network is allowed now) or
    /// `dropped` (above `guard-max-bans`).
    pub action: &'static str,
    pub address: String,
    pub app_name: String,
    pub failures: i64,
    pub banned_until: String,
    pub times: i64,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    pub logs: Vec<LogRead>,
    pub lines: u64,
    pub failed_logins: u64,
    pub challenges: u64,
    /// Failed logins of clients in a network never banned.
    pub allowed: u64,
    /// Failed logins not counted: too many clients at once.
    pub untracked: u64,
    pub changes: Vec<BanChange>,
    /// Applications with external routing that declare no host: the guard
    /// has nothing to match their requests on.
    pub unprotectable: Vec<String>,
    /// Nothing new to read and nothing to lift: the registry was not
    /// written.
    pub idle: bool,
}

/// A log to read: its identity and what is new in it.
struct Pending {
    path: PathBuf,
    device: u64,
    inode: u64,
    /// The offset stored when the run started.
    stored: Option<u64>,
    from: u64,
    size: u64,
}

/// Looks at each log: where the last run stopped in it (by the file's
/// identity: a renamed log is finished from there, a new one read from its
/// start, a shorter one, truncated in place, from its start again).
fn pending(
    conn: &rusqlite::Connection,
    paths: &[PathBuf],
    report: &mut RunReport,
) -> Result<Vec<Pending>> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let shown = path.display().to_string();
        let skip = |why: &str| LogRead {
            path: shown.clone(),
            bytes: 0,
            skipped: Some(why.to_string()),
        };
        if path.extension().is_some_and(|e| e == "gz") {
            report.logs.push(skip(
                "compressed: history, which `authgate audit failures` reads",
            ));
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) if m.is_file() => m,
            Ok(_) => {
                report.logs.push(skip("not a regular file"));
                continue;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.logs.push(skip("not there; not rotated yet?"));
                continue;
            }
            Err(e) => return Err(Error::bad_request(format!("cannot read {shown}: {e}"))),
        };
        let (device, inode, size) = (meta.dev(), meta.ino(), meta.len());
        // One file named twice (a link): read once.
        if !seen.insert((device, inode)) {
            continue;
        }
        let stored = guard::offset(conn, device, inode)?;
        let from = match stored {
            Some(offset) if offset <= size => offset,
            _ => 0,
        };
        out.push(Pending {
            path: path.clone(),
            device,
            inode,
            stored,
            from,
            size,
        });
    }
    Ok(out)
}

/// An application the guard watches, with the exact names of its routers.
struct Watched {
    app: Application,
    max_failures: u32,
    trusted: Vec<Net>,
    /// The routers defined elsewhere that it declares.
    declared: Vec<String>,
}

/// The failures counted for one client on one application: their times
/// (milliseconds since the epoch), oldest first, at most the limit plus
/// one.
type Failures = HashMap<(usize, Net), Vec<i64>>;

/// Counts what the logs hold.
struct Counting<'a> {
    routers: HashMap<String, usize>,
    watched: &'a [Watched],
    allowed: &'a [Net],
    limits: Limits,
    failures: Failures,
    changed: HashSet<(usize, Net)>,
    report: RunReport,
}

impl Counting<'_> {
    fn line(&mut self, line: &[u8]) {
        self.report.lines += 1;
        let Some(refusal) = access_log::refusal(line) else {
            return;
        };
        let Some(&i) = self.routers.get(refusal.router.as_ref()) else {
            return;
        };
        if !refusal.with_username {
            self.report.challenges += 1;
            return;
        }
        let (Some(ip), Ok(start)) = (
            client_ip(&refusal.client_addr),
            DateTime::parse_from_rfc3339(&refusal.start),
        ) else {
            return;
        };
        self.report.failed_logins += 1;
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let watched = &self.watched[i];
        if self
            .allowed
            .iter()
            .chain(&watched.trusted)
            .any(|n| n.contains(ip))
        {
            self.report.allowed += 1;
            return;
        }
        let key = (i, client_net(ip, self.limits.ipv6_prefix));
        if !self.failures.contains_key(&key) && self.failures.len() >= MAX_TRACKED {
            self.report.untracked += 1;
            return;
        }
        let times = self.failures.entry(key).or_default();
        times.push(start.timestamp_millis());
        keep_latest(times, watched.max_failures);
        self.changed.insert(key);
    }
}

/// Keeps the latest `max + 1` times, sorted: all that deciding a ban needs.
fn keep_latest(times: &mut Vec<i64>, max: u32) {
    times.sort_unstable();
    let keep = max as usize + 1;
    if times.len() > keep {
        times.drain(..times.len() - keep);
    }
}

/// Whether `times` (sorted) hold more than `max` failures within `window`
/// of the latest, and the latest is recent (within `window` of `now`): old
/// lines are history, not an attack going on.
fn crosses(times: &[i64], max: u32, window: Duration, now: DateTime<Utc>) -> bool {
    let Some(&last) = times.last() else {
        return false;
    };
    let window = i64::try_from(window.as_millis()).unwrap_or(i64::MAX);
    if !recent(last, window, now) {
        return false;
    }
    let since = last.saturating_sub(window);
    times.iter().filter(|t| **t >= since).count() > max as usize
}

/// Whether a failure at `at` (ms) is within `window` (ms) of `now`.
fn recent(at: i64, window: i64, now: DateTime<Utc>) -> bool {
    at >= now.timestamp_millis().saturating_sub(window)
}

fn parse(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn millis(t: &str) -> Option<i64> {
    parse(t).map(|t| t.timestamp_millis())
}

fn stored_time(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(timestamp)
        .unwrap_or_default()
}

fn plus(at: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    at + chrono::TimeDelta::from_std(d).unwrap_or(chrono::TimeDelta::MAX)
}

fn minus(at: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    at - chrono::TimeDelta::from_std(d).unwrap_or(chrono::TimeDelta::MAX)
}

/// `authgate guard`: one run (see the module). For installation owners: it
/// writes every organization's routers. `progress` counts the bytes read.
pub fn run(
    session: &mut Session,
    options: &RunOptions,
    progress: &dyn Progress,
) -> Result<RunReport> {
    let clock = crate::clock::now();
    let now = timestamp(clock);
    let mut report = RunReport::default();
    // Before anything is read: who, what, and where the logs stopped.
    let (limits, watched, allowed, logs, stored, bans, lift_due) =
        session.read(Event::new("guard"), |conn, actor| {
            actor.require_installation_owner(conn, "run the guard")?;
            let limits = Limits::of(conn, options)?;
            let logs = pending(conn, &options.access_logs, &mut report)?;
            if logs.is_empty() {
                let said: Vec<String> = report
                    .logs
                    .iter()
                    .map(|l| format!("{} ({})", l.path, l.skipped.as_deref().unwrap_or_default()))
                    .collect();
                return Err(Error::bad_request(format!(
                    "no access log to read: {}",
                    said.join(", ")
                )));
            }
            let allowed: Vec<Net> = guard::allowed(conn)?
                .iter()
                .filter_map(|n| Net::parse(n))
                .collect();
            // A ban ran out, or is in a network allowed since.
            let lift_due = guard::lift_due(conn, &now)?
                || (!allowed.is_empty()
                    && guard::banned_networks(conn)?.iter().any(|b| {
                        Net::parse(b).is_some_and(|b| allowed.iter().any(|a| a.contains(b.base)))
                    }));
            let nothing_new = logs.iter().all(|l| l.from == l.size);
            if nothing_new && !lift_due {
                return Ok((
                    limits,
                    Vec::new(),
                    allowed,
                    logs,
                    Vec::new(),
                    Vec::new(),
                    false,
                ));
            }
            let mut declared: HashMap<String, Vec<String>> = HashMap::new();
            for (router, application_id) in names::all_declared_routers(conn)? {
                declared.entry(application_id).or_default().push(router);
            }
            let mut watched = Vec::new();
            applications::with_all(conn, |apps| {
                for app in apps {
                    let app = app?;
                    watched.push(Watched {
                        max_failures: app.guard_max_failures.unwrap_or(limits.max_failures),
                        trusted: app
                            .access
                            .trusted_networks
                            .iter()
                            .filter_map(|n| Net::parse(n))
                            .collect(),
                        declared: declared.remove(&app.application_id).unwrap_or_default(),
                        app,
                    });
                }
                Ok(())
            })?;
            Ok((
                limits,
                watched,
                allowed,
                logs,
                guard::failures(conn)?,
                guard::bans(conn)?,
                lift_due,
            ))
        })?;
    if watched.is_empty() && !lift_due {
        report.idle = true;
        for log in &logs {
            report.logs.push(LogRead {
                path: log.path.display().to_string(),
                bytes: 0,
                skipped: None,
            });
        }
        return Ok(report);
    }
    let providers = session.providers();
    let mut routers = HashMap::new();
    for (i, w) in watched.iter().enumerate() {
        if !w.app.guard {
            continue;
        }
        for name in traefik::router_names(&w.app.app_name) {
            for p in &providers {
                routers.insert(format!("{name}@{p}"), i);
            }
        }
        for router in &w.declared {
            routers.insert(router.clone(), i);
        }
    }
    let index: HashMap<&str, usize> = watched
        .iter()
        .enumerate()
        .map(|(i, w)| (w.app.application_id.as_str(), i))
        .collect();
    let mut failures: Failures = HashMap::new();
    let mut stored_keys = HashSet::new();
    for (application_id, address, times) in stored {
        if let (Some(&i), Some(net)) = (index.get(application_id.as_str()), Net::parse(&address)) {
            let mut times: Vec<i64> = times.iter().filter_map(|t| millis(t)).collect();
            times.sort_unstable();
            stored_keys.insert((i, net));
            failures.insert((i, net), times);
        }
    }
    let mut counting = Counting {
        routers,
        watched: &watched,
        allowed: &allowed,
        limits,
        failures,
        changed: HashSet::new(),
        report,
    };
    // The logs, read without the registry.
    progress.start(
        logs.iter().map(|l| l.size - l.from).sum(),
        "reading access logs",
    );
    let mut read_to = Vec::new();
    for log in &logs {
        let mut file = std::fs::File::open(&log.path).context_path("cannot read", &log.path)?;
        file.seek(SeekFrom::Start(log.from))
            .context_path("cannot read", &log.path)?;
        let consumed = access_log::read_lines(
            crate::domain::progress::Reader::new(file.take(log.size - log.from), progress),
            false,
            |piece| match piece {
                access_log::Piece::Line(line) => counting.line(line),
                // Counted, never parsed.
                access_log::Piece::Oversized => counting.report.lines += 1,
            },
        )
        .map_err(|e| Error::internal(format!("cannot read {}: {e}", log.path.display())))?;
        counting.report.logs.push(LogRead {
            path: log.path.display().to_string(),
            bytes: consumed,
            skipped: None,
        });
        read_to.push((log, log.from + consumed));
    }
    progress.finish();
    let Counting {
        failures,
        changed,
        mut report,
        ..
    } = counting;
    // Decide, then write it all in one unit of work.
    let decided = decide(&bans, &watched, &index, &allowed, &failures, &limits, clock);
    let publishes: Vec<String> = decided
        .touched
        .iter()
        .map(|&i| watched[i].app.app_name.clone())
        .collect();
    let changes = session.write_publishing(
        |_| Ok(Publishes::Apps(publishes)),
        Event::new("guard"),
        |m| {
            m.actor.require_installation_owner(m.conn(), "run the guard")?;
            // Another run that read the same lines and committed first has
            // counted them: this one changes nothing.
            for (log, _) in &read_to {
                if guard::offset(m.conn(), log.device, log.inode)? != log.stored {
                    return Err(Error::conflict(format!(
                        "another guard run read {} at the same time and counted its lines; this run changed nothing",
                        log.path.display()
                    )));
                }
            }
            for (log, offset) in &read_to {
                guard::set_offset(m.conn(), log.device, log.inode, *offset, &now)?;
            }
            guard::prune_offsets(m.conn(), &timestamp(minus(clock, FORGET_LOGS_AFTER)))?;
            // What is kept: the failures within the window of now (older
            // ones could not add to a ban), of clients not banned now.
            let window = i64::try_from(limits.window.as_millis()).unwrap_or(i64::MAX);
            for key in changed.iter().chain(&decided.forgotten) {
                let times: Vec<String> = if decided.forgotten.contains(key) {
                    Vec::new()
                } else {
                    failures
                        .get(key)
                        .into_iter()
                        .flatten()
                        .filter(|t| recent(**t, window, clock))
                        .map(|t| stored_time(*t))
                        .collect()
                };
                if times.is_empty() && !stored_keys.contains(key) {
                    continue;
                }
                guard::set_failures(
                    m.conn(),
                    &watched[key.0].app.application_id,
                    &key.1.to_string(),
                    &times,
                )?;
            }
            guard::prune_failures(m.conn(), &timestamp(minus(clock, limits.window)))?;
            for (ban, _) in &decided.bans {
                guard::put_ban(m.conn(), ban)?;
            }
            guard::prune_bans(m.conn(), &timestamp(minus(clock, REPEAT_WITHIN)))?;
            let mut changes = Vec::new();
            for (ban, action) in &decided.bans {
                let app = &watched[index[ban.application_id.as_str()]].app;
                m.audit_in(
                    &app.org_id,
                    &Event::new(if *action == "banned" {
                        "guard.ban"
                    } else {
                        "guard.unban"
                    })
                    .target("application", &app.application_id)
                    .application(&app.application_id)
                    .detail(match *action {
                        "banned" => format!(
                            "{} banned until {} after {} failed logins (ban {} in a row)",
                            ban.address, ban.banned_until, ban.failures, ban.times
                        ),
                        "dropped" => format!(
                            "{} unbanned: the application has more than guard-max-bans bans, and it was the longest banned",
                            ban.address
                        ),
                        _ => format!("{} unbanned: its ban ran out, or its network is allowed", ban.address),
                    }),
                )?;
                changes.push(BanChange {
                    action,
                    address: ban.address.clone(),
                    app_name: app.app_name.clone(),
                    failures: ban.failures,
                    banned_until: ban.banned_until.clone(),
                    times: ban.times,
                });
            }
            for &i in &decided.touched {
                // Read again: the bans just written are what it renders.
                if let Some(app) = applications::by_id(m.conn(), &watched[i].app.application_id)? {
                    m.publish(&app)?;
                }
            }
            Ok(changes)
        },
    )?;
    // Bans that match nothing: an application with external routing that
    // declares no host.
    for (i, w) in watched.iter().enumerate() {
        let banned = !w.app.banned.is_empty()
            || decided.bans.iter().any(|(b, action)| {
                *action == "banned" && index.get(b.application_id.as_str()) == Some(&i)
            });
        if banned && !w.app.has_managed_routing() && w.app.hosts.is_empty() {
            report.unprotectable.push(w.app.app_name.clone());
        }
    }
    report.changes = changes;
    report.changes.sort_by(|a, b| {
        (a.app_name.as_str(), a.address.as_str()).cmp(&(b.app_name.as_str(), b.address.as_str()))
    });
    Ok(report)
}

/// What a run writes of bans.
struct Decided {
    /// Each ban row written, with what happened to it (`banned`, `lifted`,
    /// `dropped`).
    bans: Vec<(Ban, &'static str)>,
    /// The applications whose bans in force changed.
    touched: Vec<usize>,
    /// Clients whose failures are forgotten: banned now.
    forgotten: HashSet<(usize, Net)>,
}

fn decide(
    existing: &[Ban],
    watched: &[Watched],
    index: &HashMap<&str, usize>,
    allowed: &[Net],
    failures: &Failures,
    limits: &Limits,
    now: DateTime<Utc>,
) -> Decided {
    let at = timestamp(now);
    let mut by_key: HashMap<(usize, Net), &Ban> = HashMap::new();
    for ban in existing {
        if let (Some(&i), Some(net)) = (
            index.get(ban.application_id.as_str()),
            Net::parse(&ban.address),
        ) {
            by_key.insert((i, net), ban);
        }
    }
    let mut bans = Vec::new();
    let mut touched = HashSet::new();
    let mut forgotten = HashSet::new();
    // Lift what ran out, what is allowed now, and what a disabled guard
    // no longer keeps.
    for (&(i, net), ban) in &by_key {
        if ban.lifted_at.is_some() {
            continue;
        }
        let off = !watched[i].app.guard;
        if ban.banned_until <= at || off || allowed.iter().any(|a| a.contains(net.base)) {
            bans.push((
                Ban {
                    lifted_at: Some(at.clone()),
                    ..(*ban).clone()
                },
                "lifted",
            ));
            touched.insert(i);
        }
    }
    // Ban who crossed the limit.
    let mut keys: Vec<&(usize, Net)> = failures.keys().collect();
    keys.sort_by_key(|(i, net)| (*i, net.to_string()));
    for key in keys {
        let (i, net) = *key;
        let w = &watched[i];
        if !w.app.guard {
            continue;
        }
        let times = &failures[key];
        if !crosses(times, w.max_failures, limits.window, now) {
            continue;
        }
        let previous = by_key.get(key);
        if previous.is_some_and(|b| b.lifted_at.is_none() && b.banned_until > at) {
            // Banned already: its lines since are not a new offence.
            forgotten.insert(*key);
            continue;
        }
        let again = previous
            .filter(|b| parse(&b.banned_at).is_some_and(|t| t >= minus(now, REPEAT_WITHIN)));
        // Twice the last one's length.
        let last_length = |b: &Ban| match (parse(&b.banned_at), parse(&b.banned_until)) {
            (Some(from), Some(until)) => (until - from).num_seconds(),
            _ => limits.ban.as_secs() as i64,
        };
        let seconds = match again {
            Some(b) => last_length(b)
                .saturating_mul(2)
                .min(limits.max_ban.as_secs() as i64),
            None => limits.ban.as_secs() as i64,
        }
        .max(1);
        bans.retain(|(b, _)| {
            !(b.application_id == w.app.application_id && b.address == net.to_string())
        });
        bans.push((
            Ban {
                application_id: w.app.application_id.clone(),
                address: net.to_string(),
                banned_at: at.clone(),
                banned_until: timestamp(plus(now, Duration::from_secs(seconds as u64))),
                times: again.map_or(1, |b| b.times + 1),
                failures: times.len() as i64,
                lifted_at: None,
            },
            "banned",
        ));
        forgotten.insert(*key);
        touched.insert(i);
    }
    // At most `max_bans` in force per application: the longest banned go
    // first.
    for &i in &touched.clone() {
        let id = &watched[i].app.application_id;
        let mut in_force: Vec<Ban> = existing
            .iter()
            .filter(|b| &b.application_id == id && b.lifted_at.is_none())
            .filter(|b| {
                !bans
                    .iter()
                    .any(|(n, _)| n.application_id == b.application_id && n.address == b.address)
            })
            .cloned()
            .chain(
                bans.iter()
                    .filter(|(b, _)| &b.application_id == id && b.lifted_at.is_none())
                    .map(|(b, _)| b.clone()),
            )
            .collect();
        if in_force.len() <= limits.max_bans as usize {
            continue;
        }
        in_force.sort_by(|a, b| {
            a.banned_at
                .cmp(&b.banned_at)
                .then(a.address.cmp(&b.address))
        });
        let excess = in_force.len() - limits.max_bans as usize;
        for ban in in_force.into_iter().take(excess) {
            bans.retain(|(b, _)| {
                !(b.application_id == ban.application_id && b.address == ban.address)
            });
            bans.push((
                Ban {
                    lifted_at: Some(at.clone()),
                    ..ban
                },
                "dropped",
            ));
        }
    }
    let mut touched: Vec<usize> = touched.into_iter().collect();
    touched.sort_unstable();
    Decided {
        bans,
        touched,
        forgotten,
    }
}

/// A row of `guard list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listed {
    pub address: String,
    pub app_name: String,
    /// Failed logins counted within the window.
    pub failures: i64,
    /// Until when it is banned; `None`: not banned.
    pub banned_until: Option<String>,
    /// Bans in a row (each within a day of the one before).
    pub times_banned: i64,
}

/// `guard list`: the clients banned from, or failing on, the applications
/// the caller sees.
pub fn list(session: &Session) -> Result<Vec<Listed>> {
    session.read(Event::new("guard.list"), |conn, actor| {
        Ok(guard::list(conn, &actor.org_id, actor.grant_filter())?
            .into_iter()
            .map(|row| {
                let in_force = row.ban.as_ref().filter(|b| b.lifted_at.is_none());
                Listed {
                    address: row.address,
                    app_name: row.app_name,
                    failures: row.failures,
                    banned_until: in_force.map(|b| b.banned_until.clone()),
                    times_banned: row.ban.as_ref().map_or(0, |b| b.times),
                }
            })
            .collect())
    })
}

/// What `guard unban` did, per application.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unbanned {
    pub address: String,
    pub app_name: String,
    /// Whether a ban in force was lifted (else only failures were forgotten).
    pub was_banned: bool,
}

/// `guard unban ADDR [--app APP]`: lifts the client's bans (on one
/// application, or on every one of the organization it has one on), and
/// forgets the failures counted so far, so that the next run does not ban
/// it again for the same lines. For the application's owners and admins.
pub fn unban(session: &mut Session, address: &str, app_ref: Option<&str>) -> Result<Vec<Unbanned>> {
    let prefix = session.read(Event::new("guard.unban"), |conn, _| {
        setting(conn, settings::GUARD_IPV6_PREFIX, DEFAULT_IPV6_PREFIX)
    })?;
    let net = given_net(address, prefix)?.to_string();
    let org_id = session.actor.org_id.clone();
    let mut on_failure = Event::new("guard.unban").detail(net.clone());
    if let Some(app) = app_ref {
        on_failure = on_failure.target("application", app);
    }
    // The organization's applications that count or ban the client: each
    // with whether a ban of it is in force.
    let targets = |conn: &rusqlite::Connection| -> Result<Vec<(String, bool)>> {
        Ok(guard::list(conn, &org_id, None)?
            .into_iter()
            .filter(|row| row.address == net)
            .map(|row| {
                let in_force = row.ban.is_some_and(|b| b.lifted_at.is_none());
                (row.application_id, in_force)
            })
            .collect())
    };
    let unbanned = session.write_publishing(
        |conn| {
            Ok(Publishes::Apps(match app_ref {
                Some(app) => applications::name_of(conn, app)?.into_iter().collect(),
                None => targets(conn)?
                    .into_iter()
                    .filter_map(|(id, _)| applications::name_of(conn, &id).transpose())
                    .collect::<Result<_>>()?,
            }))
        },
        on_failure,
        |m| {
            let only = app_ref
                .map(|r| m.actor.authorize_app(m.conn(), r, Access::Write))
                .transpose()?;
            m.actor.require_manager("unban clients")?;
            let mut done = Vec::new();
            for (application_id, was_banned) in targets(m.conn())? {
                if only
                    .as_ref()
                    .is_some_and(|a| a.application_id != application_id)
                {
                    continue;
                }
                guard::delete_ban(m.conn(), &application_id, &net)?;
                guard::delete_failures(m.conn(), Some(&application_id), &net)?;
                m.audit(
                    &Event::new("guard.unban")
                        .target("application", &application_id)
                        .application(&application_id)
                        .detail(format!(
                            "{net} unbanned by hand{}; its failed logins forgotten",
                            if was_banned {
                                ""
                            } else {
                                " (it was not banned)"
                            }
                        )),
                )?;
                // Read after the ban went: what it renders now.
                let Some(app) = applications::by_id(m.conn(), &application_id)? else {
                    continue;
                };
                if was_banned {
                    m.publish(&app)?;
                }
                done.push(Unbanned {
                    address: net.clone(),
                    app_name: app.app_name,
                    was_banned,
                });
            }
            if done.is_empty() {
                return Err(Error::not_found(format!(
                    "{net} is neither banned nor counted on {}",
                    match app_ref {
                        Some(app) => format!("application '{}'", printable(app)),
                        None => format!("any application of organization '{}'", m.actor.org_name),
                    }
                )));
            }
            Ok(done)
        },
    )?;
    Ok(unbanned)
}

/// `guard allow`: the networks never banned (installation-wide: the
/// proxies in front of Traefik, monitoring, offices). `add` or `remove`
/// one, or neither to list them.
pub fn allow(session: &mut Session, network: Option<&str>, remove: bool) -> Result<Vec<String>> {
    let Some(network) = network else {
        return session.read(Event::new("guard.allow"), |conn, actor| {
            actor.require_installation_owner(conn, "see the networks the guard never bans")?;
            guard::allowed(conn)
        });
    };
    let network = validate::network_of("allowed network", network)?;
    let event = Event::new("guard.allow").target("network", &network);
    session.write(event, |m| {
        m.actor
            .require_installation_owner(m.conn(), "choose the networks the guard never bans")?;
        let now = crate::store::now();
        let changed = if remove {
            guard::disallow(m.conn(), &network)?
        } else {
            guard::allow(m.conn(), &network, &now)?
        };
        if !changed {
            return Err(if remove {
                Error::not_found(format!("{network} is not among the allowed networks"))
            } else {
                Error::conflict(format!("{network} is allowed already"))
            });
        }
        m.audit(
            &Event::new(if remove {
                "guard.disallow"
            } else {
                "guard.allow"
            })
            .target("installation", "installation")
            .detail(format!(
                "{network} {}",
                if remove {
                    "may be banned again"
                } else {
                    "is never banned; bans in it are lifted by the next guard run"
                }
            )),
        )?;
        guard::allowed(m.conn())
    })
}
