//! `authgate audit`: the active organization's audit log, pruning it, and
//! failed-login reports from Traefik's access logs.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::Context;
use crate::cli::output::Format;
use authgate::auth::Access;
use authgate::domain::audit::{self, Filters};
use authgate::error::{Context as _, Error, Result};
use authgate::store::audit::{Event, Outcome, Row};
use authgate::store::{applications, timestamp};
use authgate::traefik::access_log::{self, Analyzer};

const EXAMPLES: &str = "\
Examples:
  authgate audit                                  # the newest 100 events
  authgate audit --app shop --since 7d            # one application, last week
  authgate audit --outcome denied --since 24h -o json
  authgate audit --user bob --action security.update --limit 0
  authgate audit prune --older-than 365d --dry-run
  authgate audit failures --access-log /var/log/traefik/access.log /var/log/traefik/access.log.1.gz";

/// Lists the active organization's audit events, newest first. Owners and
/// admins see the whole organization; members and viewers the events on
/// their granted applications.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_long_help = EXAMPLES)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Delete the active organization's events older than a given age (owners only)
    #[command(after_long_help = "Example:\n  authgate audit prune --older-than 365d --dry-run")]
    Prune(PruneArgs),
    /// Report failed logins (HTTP 401) on your applications from Traefik JSON access logs
    #[command(
        after_long_help = "Traefik writes the log with `accessLog: {filePath: ..., format: json}`. Files may be \
        gzip-compressed; `-` reads stdin. Routers count for application APP when named `APP@provider` or \
        `APP-…@provider`; lines of other routers are only counted as \"other\".\n\n\
        Examples:\n  authgate audit failures --access-log /var/log/traefik/access.log --since 24h\n  \
        zcat access.log.*.gz | authgate audit failures --access-log - --app shop -o json"
    )]
    Failures(FailuresArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeArg {
    Ok,
    Denied,
    Error,
}

impl From<OutcomeArg> for Outcome {
    fn from(o: OutcomeArg) -> Outcome {
        match o {
            OutcomeArg::Ok => Outcome::Ok,
            OutcomeArg::Denied => Outcome::Denied,
            OutcomeArg::Error => Outcome::Error,
        }
    }
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, Error> {
    audit::parse_time(s)
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only events on this application (id or app name; the id of a removed one works too)
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    /// Only events by this user (name)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Only this action (e.g. security.update, app.remove, member.set_role)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// Only this outcome
    #[arg(long, value_enum, value_name = "OUTCOME")]
    pub outcome: Option<OutcomeArg>,
    /// Only events at or after this time: RFC 3339, a date, or a duration ago (24h, 7d)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub since: Option<DateTime<Utc>>,
    /// Only events at or before this time: RFC 3339, a date, or a duration ago
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub until: Option<DateTime<Utc>>,
    /// At most this many events, newest first (0: all)
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u64,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Delete events older than this: a duration (365d) or an RFC 3339 time
    #[arg(long, value_name = "AGE", value_parser = parse_time)]
    pub older_than: DateTime<Utc>,
    /// Print how many events would be deleted, delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct FailuresArgs {
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
}

pub fn run(args: AuditArgs, ctx: &Context) -> Result<()> {
    match args.command {
        None => list(args.list, ctx),
        Some(AuditCommand::Prune(args)) => prune(args, ctx),
        Some(AuditCommand::Failures(args)) => failures(args, ctx),
    }
}

/// Text from a log or typed by users, made safe for a terminal: control
/// characters escaped, everything else as it is. JSON and YAML escape on
/// their own.
fn printable(value: &str) -> String {
    if !value.chars().any(char::is_control) {
        return value.to_string();
    }
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn for_table(ctx: &Context, value: &mut Option<String>) {
    if ctx.printer.format == Format::Table
        && let Some(v) = value
    {
        *v = printable(v);
    }
}

fn list(args: ListArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let limit = (args.limit > 0).then_some(args.limit);
    let mut rows: Vec<Row> = audit::list(
        &session,
        &Filters {
            app: args.app,
            user: args.user,
            action: args.action,
            outcome: args.outcome.map(Outcome::from),
            since: args.since,
            until: args.until,
            // One more than asked, to tell whether more match.
            limit: limit.map(|l| l.saturating_add(1)),
        },
    )?;
    let more = limit.is_some_and(|l| rows.len() as u64 > l);
    if let Some(l) = limit {
        rows.truncate(usize::try_from(l).unwrap_or(usize::MAX));
    }
    for row in &mut rows {
        for field in [
            &mut row.actor_name,
            &mut row.target,
            &mut row.username,
            &mut row.detail,
        ] {
            for_table(ctx, field);
        }
        if ctx.printer.format == Format::Table && row.app_name.is_none() {
            // A removed application, or an attempt that named one.
            row.app_name = match row.target_type.as_deref() {
                Some("application") => row.target.clone(),
                _ => row.application_id.clone(),
            };
        }
    }
    ctx.printer.list(
        &rows,
        &[
            "at",
            "actorName",
            "action",
            "outcome",
            "appName",
            "username",
            "detail",
        ],
        "id",
    )?;
    if more {
        ctx.printer.note(&format!(
            "showing the newest {} event(s); more match (--limit N, or --limit 0 for all)",
            rows.len()
        ));
    } else if rows.is_empty() {
        ctx.printer.note("no matching audit events");
    }
    Ok(())
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PruneView {
    org: String,
    before: String,
    /// Events deleted, or with --dry-run that would be.
    events: u64,
    dry_run: bool,
}

fn prune(args: PruneArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    let events = audit::prune(&mut session, args.older_than, args.dry_run)?;
    let view = PruneView {
        org: session.actor.org_name.clone(),
        before: timestamp(args.older_than),
        events,
        dry_run: args.dry_run,
    };
    ctx.printer.record(&view, "events")?;
    ctx.printer.note(&if args.dry_run {
        format!(
            "dry run: {events} event(s) of organization '{}' before {} would be deleted",
            view.org, view.before
        )
    } else {
        format!(
            "deleted {events} event(s) of organization '{}' before {}",
            view.org, view.before
        )
    });
    Ok(())
}

fn failures(args: FailuresArgs, ctx: &Context) -> Result<()> {
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
    let mut on_denial = Event::new("audit.failures");
    if let Some(app) = &args.app {
        on_denial = on_denial.target("application", app);
    }
    // The applications reported on, and every app name of the registry:
    // a router is matched against all of them, so that another
    // organization's `shop-admin` is never counted as this one's `shop`.
    let (reported, registered) = session.read(on_denial, |conn, actor| {
        let reported = match &args.app {
            Some(reference) => vec![actor.authorize_app(conn, reference, Access::Read)?],
            None => applications::list(conn, &actor.org_id, actor.grant_filter())?,
        };
        let registered: Vec<String> = applications::all(conn)?
            .into_iter()
            .map(|a| a.app_name)
            .collect();
        Ok((reported, registered))
    })?;
    // The database is not needed while the logs are read.
    drop(session);
    let mut analyzer = Analyzer::new(
        registered.iter().map(String::as_str),
        reported
            .into_iter()
            .map(|a| access_log::App {
                application_id: a.application_id,
                app_name: a.app_name,
            })
            .collect(),
        access_log::Options {
            since: args.since,
            until: args.until,
            ..access_log::Options::default()
        },
    );
    for path in &args.access_log {
        if path.as_os_str() == "-" {
            analyzer.read(std::io::stdin().lock()).map_err(|e| {
                Error::internal(format!("cannot read the access log from stdin: {e}"))
            })?;
        } else {
            let file = std::fs::File::open(path).context_path("cannot open access log", path)?;
            analyzer
                .read(file)
                .context_path("cannot read access log", path)?;
        }
    }
    let mut report = analyzer.report();
    print_failures(ctx, &mut report)
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
        "{} failed login(s) in {} line(s): {} malformed, {} on other routers, {} outside the time window",
        report.attempts, report.lines, report.malformed, report.other, report.outside_window
    );
    if p.format != Format::Table {
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
                .map(|u| format!("{} ({})", printable(&u.username), u.attempts))
                .collect();
            if a.usernames.len() > SHOWN {
                usernames.push(format!("+{} more", a.usernames.len() - SHOWN));
            }
            let plus = |t: bool| if t { "+" } else { "" };
            AppRow {
                app_name: a.app_name.clone(),
                attempts: a.attempts,
                requests: a.requests,
                clients: format!("{}{}", a.distinct_clients, plus(a.clients_truncated)),
                usernames: usernames.join(", "),
                first: a.first.clone(),
                last: a.last.clone(),
            }
        })
        .collect();
    for c in &mut report.top_clients {
        c.client = printable(&c.client);
    }
    for u in &mut report.top_usernames {
        u.username = printable(&u.username);
    }
    p.list(
        &rows,
        &[
            "appName",
            "attempts",
            "requests",
            "clients",
            "usernames",
            "first",
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
