//! Failed-login reports from Traefik's JSON access log (`accessLog.format:
//! json`, one object per line): the HTTP 401 answers on the routers of the
//! caller's applications, per application, with the clients and the
//! usernames they tried.
//!
//! A line belongs to an application only when its router is exactly one of
//! the application's routers: those authgate publishes for it (`<app>@file`,
//! `<app>.public@redis`, ...) and those it declares (`portal-router@docker`).
//! Never by prefix: another organization's `portal-router` is not
//! `portal`'s.
//!
//! The log is streamed line by line; memory holds only per-application
//! aggregates, whose distinct-client and distinct-username sets are capped.
//! Lines on other routers (other organizations', or not declared) are only
//! counted. Lines that are not access-log
//! entries are counted as malformed, never fatal.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};

use chrono::{DateTime, Utc};
use flate2::read::MultiGzDecoder;
use serde::{Deserialize, Serialize};

use crate::store::timestamp;

/// Distinct clients and usernames kept per application; beyond it, attempts
/// are still counted but new values are not.
pub const DEFAULT_DISTINCT_CAP: usize = 10_000;
/// How many entries the top-clients and top-usernames lists hold.
pub const TOP: usize = 10;
/// Distinct clients and usernames kept over all applications together.
pub const TOTAL_DISTINCT_CAP: usize = 1_000_000;
/// A line longer than this is malformed (and is skipped without being held
/// in memory).
pub const MAX_LINE: usize = 1 << 20;
/// Client addresses and usernames are kept to this many bytes.
const MAX_VALUE: usize = 256;
const READ_BUFFER: usize = 256 * 1024;

/// An application whose failures are reported.
#[derive(Debug, Clone)]
pub struct App {
    pub application_id: String,
    pub app_name: String,
    /// Its routers, exactly as the access log names them
    /// (`NAME@PROVIDER`).
    pub routers: Vec<String>,
}

/// Which lines count.
#[derive(Debug, Clone)]
pub struct Options {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Distinct clients and usernames kept per application.
    pub distinct_cap: usize,
    /// Count 401 challenges (a request that sent no credentials, as a browser
    /// first does) as failed attempts too.
    pub include_challenges: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            since: None,
            until: None,
            distinct_cap: DEFAULT_DISTINCT_CAP,
            include_challenges: false,
        }
    }
}

/// The fields of an access-log entry that matter here; the others are
/// skipped by the parser.
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(rename = "DownstreamStatus")]
    status: Option<u16>,
    #[serde(rename = "RouterName", borrow)]
    router: Option<Cow<'a, str>>,
    #[serde(rename = "ClientHost", borrow)]
    client_host: Option<Cow<'a, str>>,
    #[serde(rename = "ClientAddr", borrow)]
    client_addr: Option<Cow<'a, str>>,
    #[serde(rename = "ClientUsername", borrow)]
    client_username: Option<Cow<'a, str>>,
    #[serde(rename = "StartUTC", borrow)]
    start: Option<Cow<'a, str>>,
}

/// Occurrences of values, up to `cap` distinct ones.
#[derive(Debug, Default)]
struct Counter {
    counts: HashMap<Box<str>, u64>,
    /// Occurrences of values that arrived after the cap was reached.
    untracked: u64,
}

impl Counter {
    /// Counts one occurrence; returns whether a new value was kept.
    fn add(&mut self, value: &str, cap: usize, room: bool) -> bool {
        let value = clip(value);
        if let Some(n) = self.counts.get_mut(value) {
            *n += 1;
            false
        } else if room && self.counts.len() < cap {
            self.counts.insert(value.into(), 1);
            true
        } else {
            self.untracked += 1;
            false
        }
    }

    fn truncated(&self) -> bool {
        self.untracked > 0
    }

    /// The values by count, highest first, then by value.
    fn sorted(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.counts.iter().map(|(k, n)| (&**k, *n)).collect();
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v
    }
}

/// A value cut to `MAX_VALUE` bytes, at a character boundary.
fn clip(value: &str) -> &str {
    if value.len() <= MAX_VALUE {
        return value;
    }
    let mut end = MAX_VALUE;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

#[derive(Debug)]
struct AppStats {
    app: App,
    requests: u64,
    attempts: u64,
    challenges: u64,
    clients: Counter,
    usernames: Counter,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
}

/// Reads access logs and aggregates the failures.
#[derive(Debug)]
pub struct Analyzer {
    options: Options,
    apps: Vec<AppStats>,
    /// Every router of a reported application, with the index of its stats.
    routers: HashMap<String, usize>,
    /// Distinct values kept over all applications.
    tracked: usize,
    lines: u64,
    malformed: u64,
    other: u64,
    outside_window: u64,
}

impl Analyzer {
    /// `reported`: the applications to report on, each with its routers.
    pub fn new(reported: Vec<App>, options: Options) -> Analyzer {
        let mut routers = HashMap::new();
        for (i, app) in reported.iter().enumerate() {
            for router in &app.routers {
                routers.entry(router.clone()).or_insert(i);
            }
        }
        Analyzer {
            options,
            routers,
            apps: reported
                .into_iter()
                .map(|app| AppStats {
                    app,
                    requests: 0,
                    attempts: 0,
                    challenges: 0,
                    clients: Counter::default(),
                    usernames: Counter::default(),
                    first: None,
                    last: None,
                })
                .collect(),
            tracked: 0,
            lines: 0,
            malformed: 0,
            other: 0,
            outside_window: 0,
        }
    }

    /// The reported application a router is exactly one of the routers
    /// of; `None` for any other router.
    fn resolve(&self, router: &str) -> Option<usize> {
        self.routers.get(router).copied()
    }

    /// Takes one line (without its newline).
    pub fn line(&mut self, line: &[u8]) {
        let line = line.trim_ascii();
        if line.is_empty() {
            return;
        }
        self.lines += 1;
        let Ok(entry) = serde_json::from_slice::<Entry<'_>>(line) else {
            self.malformed += 1;
            return;
        };
        let (Some(status), Some(start)) = (entry.status, entry.start.as_deref()) else {
            self.malformed += 1;
            return;
        };
        let Ok(start) = DateTime::parse_from_rfc3339(start) else {
            self.malformed += 1;
            return;
        };
        let start = start.with_timezone(&Utc);
        let Some(i) = entry.router.as_deref().and_then(|r| self.resolve(r)) else {
            self.other += 1;
            return;
        };
        if self.options.since.is_some_and(|t| start < t)
            || self.options.until.is_some_and(|t| start > t)
        {
            self.outside_window += 1;
            return;
        }
        let cap = self.options.distinct_cap;
        let stats = &mut self.apps[i];
        stats.requests += 1;
        if status != 401 {
            return;
        }
        // No username: a challenge (a browser's first request, or a probe),
        // not a failed login.
        let username = entry
            .client_username
            .as_deref()
            .filter(|u| !u.is_empty() && *u != "-");
        if username.is_none() {
            stats.challenges += 1;
            if !self.options.include_challenges {
                return;
            }
        }
        stats.attempts += 1;
        let client = entry
            .client_host
            .as_deref()
            .and_then(|h| h.split(',').next())
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .unwrap_or("-");
        let room = self.tracked < TOTAL_DISTINCT_CAP;
        self.tracked += usize::from(stats.clients.add(client, cap, room));
        let username = username.unwrap_or("-");
        let room = self.tracked < TOTAL_DISTINCT_CAP;
        self.tracked += usize::from(stats.usernames.add(username, cap, room));
        if stats.first.is_none_or(|t| start < t) {
            stats.first = Some(start);
        }
        if stats.last.is_none_or(|t| start > t) {
            stats.last = Some(start);
        }
    }

    /// A line too long to hold: malformed.
    fn oversized_line(&mut self) {
        self.lines += 1;
        self.malformed += 1;
    }

    /// Reads one log, plain or gzip-compressed (recognized by its magic
    /// bytes), to the end.
    pub fn read(&mut self, mut input: impl Read) -> io::Result<()> {
        // Peek at the first two bytes, however the input delivers them.
        let mut head = [0u8; 2];
        let mut got = 0;
        while got < head.len() {
            match input.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let input = io::Cursor::new(head).take(got as u64).chain(input);
        if head[..got] == [0x1f, 0x8b] {
            let decoder = MultiGzDecoder::new(BufReader::with_capacity(READ_BUFFER, input));
            self.read_lines(BufReader::with_capacity(READ_BUFFER, decoder))
        } else {
            self.read_lines(BufReader::with_capacity(READ_BUFFER, input))
        }
    }

    /// Splits into lines (the last one too, without its newline).
    fn read_lines(&mut self, reader: impl Read) -> io::Result<()> {
        read_lines(reader, true, |piece| match piece {
            Piece::Line(line) => self.line(line),
            Piece::Oversized => self.oversized_line(),
        })
        .map(|_| ())
    }

    /// The report, applications with the most failed attempts first.
    pub fn report(&self) -> Report {
        let mut applications: Vec<AppReport> = self
            .apps
            .iter()
            .filter(|s| s.requests > 0)
            .map(|s| AppReport {
                app_name: s.app.app_name.clone(),
                application_id: s.app.application_id.clone(),
                requests: s.requests,
                attempts: s.attempts,
                challenges: s.challenges,
                distinct_clients: s.clients.counts.len() as u64,
                clients_truncated: s.clients.truncated(),
                distinct_usernames: s.usernames.counts.len() as u64,
                usernames_truncated: s.usernames.truncated(),
                usernames: s
                    .usernames
                    .sorted()
                    .into_iter()
                    .map(|(username, attempts)| UsernameCount {
                        username: username.to_string(),
                        attempts,
                    })
                    .collect(),
                top_clients: top_clients(s.clients.sorted()),
                first: s.first.map(timestamp),
                last: s.last.map(timestamp),
            })
            .collect();
        applications.sort_by(|a, b| {
            b.attempts
                .cmp(&a.attempts)
                .then_with(|| a.app_name.cmp(&b.app_name))
        });
        let merged = |pick: fn(&AppStats) -> &Counter| {
            let mut all: HashMap<&str, u64> = HashMap::new();
            for s in &self.apps {
                for (k, n) in &pick(s).counts {
                    *all.entry(k).or_default() += n;
                }
            }
            let mut v: Vec<(&str, u64)> = all.into_iter().collect();
            v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            v.truncate(TOP);
            v
        };
        Report {
            attempts: self.apps.iter().map(|s| s.attempts).sum(),
            challenges: self.apps.iter().map(|s| s.challenges).sum(),
            applications,
            top_clients: top_clients(merged(|s| &s.clients)),
            top_usernames: merged(|s| &s.usernames)
                .into_iter()
                .map(|(username, attempts)| UsernameCount {
                    username: username.to_string(),
                    attempts,
                })
                .collect(),
            lines: self.lines,
            malformed: self.malformed,
            other: self.other,
            outside_window: self.outside_window,
        }
    }
}

fn top_clients(sorted: Vec<(&str, u64)>) -> Vec<ClientCount> {
    sorted
        .into_iter()
        .take(TOP)
        .map(|(client, attempts)| ClientCount {
            client: client.to_string(),
            attempts,
        })
        .collect()
}

/// Failed logins on one application.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppReport {
    pub app_name: String,
    pub application_id: String,
    /// Requests on the application's routers (in the time window).
    pub requests: u64,
    /// Of these, failed logins: answered 401 with a username (and, with
    /// `include_challenges`, without one too).
    pub attempts: u64,
    /// Requests answered 401 that sent no credentials: the challenge a
    /// browser gets before it asks for a password.
    pub challenges: u64,
    pub distinct_clients: u64,
    /// More distinct clients than the cap: the count is a lower bound.
    pub clients_truncated: bool,
    pub distinct_usernames: u64,
    pub usernames_truncated: bool,
    /// The usernames tried (`-` for none), most attempts first.
    pub usernames: Vec<UsernameCount>,
    pub top_clients: Vec<ClientCount>,
    pub first: Option<String>,
    pub last: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientCount {
    pub client: String,
    pub attempts: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsernameCount {
    pub username: String,
    pub attempts: u64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub applications: Vec<AppReport>,
    pub top_clients: Vec<ClientCount>,
    pub top_usernames: Vec<UsernameCount>,
    /// Failed attempts on the reported applications.
    pub attempts: u64,
    /// 401 challenges (no credentials sent) on the reported applications.
    pub challenges: u64,
    /// Non-blank lines read.
    pub lines: u64,
    /// Lines that are not access-log entries (not a JSON object, no numeric
    /// DownstreamStatus or no RFC 3339 StartUTC, or longer than 1 MiB).
    pub malformed: u64,
    /// Lines on routers of applications not reported, or without a router.
    pub other: u64,
    /// Lines on reported applications outside --since/--until.
    pub outside_window: u64,
}

/// A failed login, or a challenge, as the guard counts it: a 401 answer,
/// the router that gave it, the connection's address (`ClientAddr`:
/// `ClientHost` may be a forwarded header the client wrote), whether a
/// username was sent, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal<'a> {
    pub router: Cow<'a, str>,
    pub client_addr: Cow<'a, str>,
    /// A username was sent: a failed login. None: the browser's
    /// challenge, never a reason to ban.
    pub with_username: bool,
    pub start: Cow<'a, str>,
}

/// The 401 of one access-log line, if it is one. Traefik writes its JSON
/// with sorted keys and no spaces, so a line without
/// `"DownstreamStatus":401` is skipped without being parsed: that is what
/// makes reading a large log fast.
pub fn refusal(line: &[u8]) -> Option<Refusal<'_>> {
    memchr::memmem::find(line, b"\"DownstreamStatus\":401")?;
    let entry: Entry<'_> = serde_json::from_slice(line.trim_ascii()).ok()?;
    if entry.status != Some(401) {
        return None;
    }
    Some(Refusal {
        router: entry.router?,
        client_addr: entry.client_addr?,
        with_username: entry
            .client_username
            .as_deref()
            .is_some_and(|u| !u.is_empty() && u != "-"),
        start: entry.start?,
    })
}

/// What [`read_lines`] hands on.
pub enum Piece<'a> {
    /// A line, without its newline.
    Line(&'a [u8]),
    /// A line longer than [`MAX_LINE`], never held in memory.
    Oversized,
}

/// Reads `input` line by line, copying only lines that straddle the
/// buffer's end, and returns how many bytes the lines handed to `f` took,
/// up to and including the last newline. A last line without a newline is
/// handed on only with `last_partial` (a whole file); otherwise it is
/// being written and is left for the next read.
pub fn read_lines(
    input: impl Read,
    last_partial: bool,
    mut f: impl FnMut(Piece<'_>),
) -> io::Result<u64> {
    let mut reader = BufReader::with_capacity(READ_BUFFER, input);
    let mut partial: Vec<u8> = Vec::new();
    let mut oversized = false;
    let mut consumed = 0u64;
    // Bytes read since the last newline (those of `partial`, or of an
    // oversized line).
    let mut pending = 0u64;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if last_partial && pending > 0 {
                f(if oversized {
                    Piece::Oversized
                } else {
                    Piece::Line(&partial)
                });
                consumed += pending;
            }
            return Ok(consumed);
        }
        let mut used = 0;
        while let Some(n) = memchr::memchr(b'\n', &buf[used..]) {
            let piece = &buf[used..used + n];
            if oversized || partial.len() + piece.len() > MAX_LINE {
                f(Piece::Oversized);
            } else if partial.is_empty() {
                f(Piece::Line(piece));
            } else {
                partial.extend_from_slice(piece);
                f(Piece::Line(&partial));
            }
            partial.clear();
            oversized = false;
            used += n + 1;
            consumed += pending + (n + 1) as u64;
            pending = 0;
        }
        let rest = &buf[used..];
        pending += rest.len() as u64;
        if !oversized {
            if partial.len() + rest.len() > MAX_LINE {
                oversized = true;
                partial = Vec::new();
            } else {
                partial.extend_from_slice(rest);
            }
        }
        let len = buf.len();
        reader.consume(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The routers authgate publishes for `app_name` through the file and
    /// Redis providers, and `declared`.
    fn app(name: &str, declared: &[&str]) -> App {
        let mut routers: Vec<String> = crate::traefik::router_names(name)
            .into_iter()
            .flat_map(|r| [format!("{r}@file"), format!("{r}@redis")])
            .collect();
        routers.extend(declared.iter().map(|r| r.to_string()));
        App {
            application_id: format!("id-{name}"),
            app_name: name.into(),
            routers,
        }
    }

    fn analyzer(cap: usize) -> Analyzer {
        Analyzer::new(
            vec![
                app("shop", &["shop-secure@docker"]),
                app("blog", &["blog-web@kubernetes"]),
            ],
            Options {
                distinct_cap: cap,
                ..Options::default()
            },
        )
    }

    fn entry(router: &str, status: u16, host: &str, user: Option<&str>) -> String {
        let mut v = serde_json::json!({
            "ClientHost": host,
            "DownstreamStatus": status,
            "RouterName": router,
            "StartUTC": "2025-03-10T12:00:00.123456789Z",
        });
        if let Some(u) = user {
            v["ClientUsername"] = u.into();
        }
        v.to_string()
    }

    #[test]
    fn routers_belong_to_an_application_only_by_their_exact_name() {
        let a = analyzer(10);
        assert_eq!(a.resolve("shop@file"), Some(0));
        assert_eq!(a.resolve("shop@redis"), Some(0));
        assert_eq!(a.resolve("shop.public@file"), Some(0));
        assert_eq!(a.resolve("shop.preflight@redis"), Some(0));
        assert_eq!(a.resolve("shop-secure@docker"), Some(0));
        assert_eq!(a.resolve("blog-web@kubernetes"), Some(1));
        // Never by prefix, nor in a provider authgate does not publish to
        // unless declared.
        for other in [
            "shop-admin@file",
            "shop-router@docker",
            "shop-secure@file",
            "shop@docker",
            "shop.protected@file",
            "shopping@file",
            "blog-web@docker",
            "shop",
            "unknown@file",
        ] {
            assert_eq!(a.resolve(other), None, "{other}");
        }
    }

    #[test]
    fn lines_are_classified_and_aggregated() {
        let mut a = analyzer(10);
        let log = [
            entry("shop@file", 401, "10.0.0.1, 192.168.0.1", Some("admin")),
            entry("shop@file", 401, " 10.0.0.1", Some("root")),
            entry("shop-secure@docker", 401, "10.0.0.2", None),
            entry("shop@file", 200, "10.0.0.3", Some("admin")),
            entry("shop-admin@file", 401, "10.0.0.9", Some("x")),
            entry("blog@file", 200, "10.0.0.1", None),
            "not json".to_string(),
            "[1,2]".to_string(),
            r#"{"DownstreamStatus":"401","StartUTC":"2025-03-10T12:00:00Z"}"#.to_string(),
            r#"{"DownstreamStatus":401,"StartUTC":"yesterday"}"#.to_string(),
            String::new(),
        ]
        .join("\r\n");
        a.read(log.as_bytes()).unwrap();
        let r = a.report();
        assert_eq!((r.lines, r.malformed, r.other), (10, 4, 1));
        // The 401 without a username is a challenge, not a failed login.
        assert_eq!((r.attempts, r.challenges), (2, 1));
        let shop = &r.applications[0];
        assert_eq!(shop.app_name, "shop");
        assert_eq!((shop.requests, shop.attempts, shop.challenges), (4, 2, 1));
        assert_eq!(shop.distinct_clients, 1);
        assert_eq!(shop.top_clients[0].client, "10.0.0.1");
        assert_eq!(shop.top_clients[0].attempts, 2);
        let users: Vec<_> = shop.usernames.iter().map(|u| u.username.as_str()).collect();
        assert_eq!(users, ["admin", "root"]);
        assert_eq!(shop.first.as_deref(), Some("2025-03-10T12:00:00.123Z"));
        assert_eq!(r.applications[1].app_name, "blog");
        assert_eq!(r.applications[1].attempts, 0);
    }

    #[test]
    fn challenges_count_as_attempts_only_when_asked() {
        let log = [
            entry("shop@file", 401, "10.0.0.1", None),
            entry("shop@file", 401, "10.0.0.1", Some("-")),
            entry("shop@file", 401, "10.0.0.2", Some("admin")),
            entry("shop@file", 200, "10.0.0.2", Some("admin")),
        ]
        .join("\n");
        let mut a = analyzer(10);
        a.read(log.as_bytes()).unwrap();
        let r = a.report();
        assert_eq!((r.attempts, r.challenges), (1, 2));
        assert_eq!(r.top_clients.len(), 1);
        assert_eq!(r.top_usernames[0].username, "admin");
        let mut a = Analyzer::new(
            vec![app("shop", &[])],
            Options {
                include_challenges: true,
                ..Options::default()
            },
        );
        a.read(log.as_bytes()).unwrap();
        let r = a.report();
        assert_eq!((r.attempts, r.challenges), (3, 2));
        assert_eq!(r.top_clients.len(), 2);
    }

    #[test]
    fn distinct_values_are_capped() {
        let mut a = analyzer(3);
        let log: String = (0..10)
            .map(|i| {
                entry(
                    "shop@file",
                    401,
                    &format!("10.0.0.{i}"),
                    Some(&format!("u{i}")),
                ) + "\n"
            })
            .collect();
        a.read(log.as_bytes()).unwrap();
        let r = a.report();
        let shop = &r.applications[0];
        assert_eq!(shop.attempts, 10);
        assert_eq!(shop.distinct_clients, 3);
        assert!(shop.clients_truncated && shop.usernames_truncated);
    }

    #[test]
    fn gzip_and_oversized_lines() {
        use std::io::Write;
        let mut a = analyzer(10);
        let long = format!("{{\"x\":\"{}\"}}", "a".repeat(MAX_LINE + 10));
        let text = format!(
            "{}\n{long}\n{}",
            entry("shop@file", 401, "1.1.1.1", Some("a")),
            entry("shop@file", 401, "1.1.1.1", Some("a"))
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        a.read(&gz[..]).unwrap();
        let r = a.report();
        assert_eq!((r.lines, r.malformed, r.attempts), (3, 1, 2));
    }
}
