//! `authgate audit failures`: failed logins from Traefik's access logs.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::{parse_time, terminal_safe};
use crate::cli::commands::Context;
use crate::cli::progress::{self, Bar, Unit};
use authgate::domain::audit;
use authgate::domain::audit::access_log::{self, Analyzer};
use authgate::domain::progress::{Progress, Reader};
use authgate::error::{Context as _, Error, Result};

#[derive(Debug, Args)]
pub(crate) struct FailuresArgs {
    /// Traefik JSON access log files, plain or .gz; `-` for stdin
    #[arg(long, value_name = "PATH", num_args = 1.., required = true)]
    pub access_log: Vec<PathBuf>,
    /// Only this application (id or app name)
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    /// Only requests that started at or after this time: RFC 3339, a date, or a duration ago
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub since: Option<DateTime<Utc>>,
    /// Only requests that started at or before this time
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub until: Option<DateTime<Utc>>,
    /// Count 401 challenges (requests without credentials, as a browser first sends) as failed logins too
    #[arg(long)]
    pub include_challenges: bool,
}

pub(super) fn run(args: FailuresArgs, ctx: &Context) -> Result<()> {
    if args
        .access_log
        .iter()
        .filter(|p| p.as_os_str() == "-")
        .count()
        > 1
    {
        return Err(Error::bad_request("stdin (`-`) can be read only once"));
    }
    let session = ctx.session()?;
    let scope = audit::failure_scope(&session, args.app.as_deref())?;
    // The database is not needed while the logs are read.
    drop(session);
    let mut analyzer = Analyzer::new(
        scope.reported,
        access_log::Options {
            since: args.since,
            until: args.until,
            include_challenges: args.include_challenges,
            ..access_log::Options::default()
        },
    );
    // Progress by bytes read from the files (of a gzip log: compressed
    // bytes), and from stdin when it is a file.
    let bar = Bar::new(&ctx.printer, progress::MIN_LOG_BYTES, Unit::Bytes);
    let total: u64 = args
        .access_log
        .iter()
        .filter_map(|path| {
            if path.as_os_str() == "-" {
                stdin_len()
            } else {
                std::fs::metadata(path).ok().map(|m| m.len())
            }
        })
        .sum();
    bar.start(total, "reading access logs");
    for path in &args.access_log {
        if path.as_os_str() == "-" {
            analyzer
                .read(Reader::new(std::io::stdin().lock(), &bar))
                .map_err(|e| {
                    Error::internal(format!("cannot read the access log from stdin: {e}"))
                })?;
        } else {
            let file = std::fs::File::open(path).context_path("cannot open access log", path)?;
            analyzer
                .read(Reader::new(file, &bar))
                .context_path("cannot read access log", path)?;
        }
    }
    bar.finish();
    drop(bar);
    let mut report = analyzer.report();
    print_failures(ctx, &mut report)
}

/// The size of stdin when it is a regular file (`< access.log`).
fn stdin_len() -> Option<u64> {
    use std::os::fd::AsFd;
    let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
    let meta = std::fs::File::from(fd).metadata().ok()?;
    meta.is_file().then_some(meta.len())
}

fn print_failures(ctx: &Context, report: &mut access_log::Report) -> Result<()> {
    let p = &ctx.printer;
    for app in &report.applications {
        for (truncated, what) in [
            (app.clients_truncated, "client addresses"),
            (app.usernames_truncated, "usernames"),
        ] {
            if truncated {
                p.warn(&format!(
                    "'{}': too many distinct {what} to keep (at most {} per application, {} in all); \
                     the distinct count is a lower bound, and values first seen after the limit are not listed",
                    app.app_name,
                    access_log::DEFAULT_DISTINCT_CAP,
                    access_log::TOTAL_DISTINCT_CAP
                ));
            }
        }
    }
    let summary = format!(
        "{} failed login(s) and {} challenge(s) in {} line(s): {} malformed, {} on other routers, {} outside the time window",
        report.attempts,
        report.challenges,
        report.lines,
        report.malformed,
        report.other,
        report.outside_window
    );
    if !p.format.is_table() {
        p.record(report, "attempts")?;
        p.note(&summary);
        return Ok(());
    }
    if p.quiet {
        return p.list(&report.applications, &[], "appName");
    }
    // Tables: terminal-safe text, and the usernames folded into one cell.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct AppRow {
        app_name: String,
        attempts: u64,
        challenges: u64,
        requests: u64,
        clients: String,
        usernames: String,
        first: Option<String>,
        last: Option<String>,
    }
    const SHOWN: usize = 5;
    let rows: Vec<AppRow> = report
        .applications
        .iter()
        .map(|a| {
            let mut usernames: Vec<String> = a
                .usernames
                .iter()
                .take(SHOWN)
                .map(|u| format!("{} ({})", terminal_safe(&u.username), u.attempts))
                .collect();
            if a.usernames.len() > SHOWN {
                usernames.push(format!("+{} more", a.usernames.len() - SHOWN));
            }
            let plus = |t: bool| if t { "+" } else { "" };
            AppRow {
                app_name: a.app_name.clone(),
                attempts: a.attempts,
                challenges: a.challenges,
                requests: a.requests,
                clients: format!("{}{}", a.distinct_clients, plus(a.clients_truncated)),
                usernames: usernames.join(", "),
                first: a.first.clone(),
                last: a.last.clone(),
            }
        })
        .collect();
    for c in &mut report.top_clients {
        c.client = terminal_safe(&c.client);
    }
    for u in &mut report.top_usernames {
        u.username = terminal_safe(&u.username);
    }
    p.list(
        &rows,
        &[
            "appName",
            "attempts",
            "challenges",
            "+requests",
            "clients",
            "usernames",
            "+first",
            "last",
        ],
        "appName",
    )?;
    if !report.top_clients.is_empty() {
        blank_line();
        p.list(&report.top_clients, &["client", "attempts"], "client")?;
    }
    if !report.top_usernames.is_empty() {
        blank_line();
        p.list(&report.top_usernames, &["username", "attempts"], "username")?;
    }
    p.note(&summary);
    Ok(())
}

/// Separates tables on stdout; a closed pipe is not an error.
fn blank_line() {
    let _ = writeln!(std::io::stdout());
}
