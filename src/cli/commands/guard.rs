//! `authgate guard`: bans the clients that guess passwords, from Traefik's
//! access logs (a run, or `--follow`), and its controls: `list`, `unban`,
//! `allow`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use crate::cli::progress::{self, Bar, Unit};
use authgate::domain::guard::{self, RunOptions, RunReport};
use authgate::error::{Error, ErrorCode, Result};

const EXAMPLES: &str = "\
Examples:
  # crontab, every minute
  * * * * * authgate guard --access-log /var/log/traefik/access.log --access-log /var/log/traefik/access.log.1 -q
  authgate guard --follow --access-log /var/log/traefik/access.log
  authgate guard list
  authgate guard unban 192.0.2.7 --app shop
  authgate guard allow 198.51.100.0/24";

/// Ban clients that keep failing to log in, with Traefik's own routers
///
/// Reads Traefik's JSON access logs (--access-log, or the guard-access-log
/// setting) from where the last run stopped, counts failed logins (a 401 on
/// an application's router that carries a username; a challenge without one
/// never counts) per client and application, and bans a client that fails
/// more than --max-failures times within --window: a router `<app>.banned`
/// that refuses its every request with 429, public paths included. Bans
/// last --ban, twice as long for a client banned again within a day (up to
/// guard-max-ban), and are lifted by the first run after they end.
///
/// The client is the connection's address (the access log's ClientAddr,
/// which is what Traefik's ClientIP matches), never a forwarded header:
/// behind a proxy, that is the proxy, so put the proxies in `guard allow`.
/// An IPv6 client is banned as its /64. Installation owners only: it
/// writes every organization's routers.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_long_help = EXAMPLES)]
pub(crate) struct GuardArgs {
    #[command(subcommand)]
    pub command: Option<GuardCommand>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// A Traefik JSON access log (repeatable: name the rotated one too, so that its end is read); .gz files are history and skipped [default: the guard-access-log setting]
    #[arg(long, value_name = "PATH")]
    pub access_log: Vec<PathBuf>,
    /// Ban after more than this many failed logins within the window [default: the guard-max-failures setting, 10]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub max_failures: Option<u32>,
    /// How far back failed logins count [default: the guard-window setting, 10m]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub window: Option<Duration>,
    /// How long a first ban lasts [default: the guard-ban setting, 1h]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub ban: Option<Duration>,
    /// Keep reading the logs as Traefik writes them, a run every --interval, until interrupted (a failure that may pass, such as a registry busy or a sink down, is printed and the next run tries again)
    #[arg(long, conflicts_with = "dry_run")]
    pub follow: bool,
    /// How often --follow runs
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "2s", requires = "follow")]
    pub interval: Duration,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

fn parse_duration(s: &str) -> Result<Duration, Error> {
    match humantime::parse_duration(s) {
        Ok(d) if !d.is_zero() => Ok(d),
        _ => Err(Error::bad_request(format!(
            "invalid duration '{s}' (examples: 10m, 1h, 30s)"
        ))),
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum GuardCommand {
    /// The clients banned from, or failing on, the applications you see
    #[command(after_long_help = "Example:\n  authgate guard list -o json")]
    List,
    /// Lift a client's bans and forget its failed logins (the application's owners and admins)
    #[command(
        after_long_help = "Examples:\n  authgate guard unban 192.0.2.7 --app shop\n  authgate guard unban 2001:db8:1:2::/64"
    )]
    Unban(UnbanArgs),
    /// Networks the guard never bans: the proxies in front of Traefik, monitoring, offices (installation owners); without a network, lists them
    #[command(
        after_long_help = "Examples:\n  authgate guard allow 198.51.100.0/24\n  authgate guard allow 198.51.100.0/24 --remove\n  authgate guard allow"
    )]
    Allow(AllowArgs),
}

#[derive(Debug, Args)]
pub(crate) struct UnbanArgs {
    /// The client: an address, or the network it was banned as
    #[arg(value_name = "ADDR")]
    pub address: String,
    /// Only on this application (id or app name) [default: every application of the organization it is banned from]
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct AllowArgs {
    /// A network (CIDR) or an address
    #[arg(value_name = "CIDR")]
    pub network: Option<String>,
    /// Stop allowing it
    #[arg(long, requires = "network")]
    pub remove: bool,
}

pub(crate) fn run(args: GuardArgs, ctx: &Context) -> Result<()> {
    match args.command {
        Some(GuardCommand::List) => list(ctx),
        Some(GuardCommand::Unban(a)) => unban(a, ctx),
        Some(GuardCommand::Allow(a)) => allow(a, ctx),
        None if args.run.follow => loop {
            // What the operator must mend ends it; what may pass (a registry
            // busy past its timeout, a sink down, a log being rotated) is
            // said, and the next run tries again.
            if let Err(e) = run_once(&args.run, ctx) {
                match e.code() {
                    ErrorCode::Internal | ErrorCode::Conflict | ErrorCode::Partial => {
                        ctx.printer.error(&e);
                    }
                    _ => return Err(e),
                }
            }
            std::thread::sleep(args.run.interval);
        },
        None => run_once(&args.run, ctx),
    }
}

fn run_once(args: &RunArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let mut access_logs = args.access_log.clone();
    if access_logs.is_empty() {
        access_logs = guard::configured_logs(&session)?;
    }
    if access_logs.is_empty() {
        return Err(Error::bad_request(
            "no access log to read: give --access-log PATH, or set it once with `authgate settings set guard-access-log PATH[,PATH...]`",
        ));
    }
    let options = RunOptions {
        access_logs,
        max_failures: args.max_failures,
        window: args.window,
        ban: args.ban,
    };
    let bar = Bar::new(&ctx.printer, progress::MIN_LOG_BYTES, Unit::Bytes);
    let report = guard::run(&mut session, &options, &bar)?;
    drop(bar);
    for app in &report.unprotectable {
        ctx.printer.warn(&format!(
            "{app} has bans but no host to match them on: its router is written elsewhere and it declares no host (`authgate app update {app} --host HOST`)"
        ));
    }
    if session.dry_run {
        let note = summary(&report);
        return dry_run::print(ctx, &session, Some(&report), &note);
    }
    if report.idle {
        ctx.printer
            .note("nothing new in the access logs, and no ban to lift");
        if !ctx.printer.format.is_table() {
            ctx.printer.record(&report, "lines")?;
        }
        return Ok(());
    }
    if ctx.printer.format.is_table() {
        ctx.printer.list(
            &report.changes,
            &[
                "action",
                "address",
                "appName",
                "failures",
                "bannedUntil",
                "+times",
            ],
            "address",
        )?;
    } else {
        ctx.printer.record(&report, "lines")?;
    }
    ctx.printer.note(&summary(&report));
    Ok(())
}

/// One line on what a run read and did.
fn summary(report: &RunReport) -> String {
    let bytes: u64 = report.logs.iter().map(|l| l.bytes).sum();
    let banned = report
        .changes
        .iter()
        .filter(|c| c.action == "banned")
        .count();
    let lifted = report.changes.len() - banned;
    let mut text = format!(
        "read {bytes} bytes ({} lines) from {} log(s): {} failed login(s), {} challenge(s); {banned} ban(s), {lifted} lifted",
        report.lines,
        report.logs.iter().filter(|l| l.skipped.is_none()).count(),
        report.failed_logins,
        report.challenges
    );
    if report.allowed > 0 {
        text.push_str(&format!(
            "; {} failed login(s) from allowed networks",
            report.allowed
        ));
    }
    if report.untracked > 0 {
        text.push_str(&format!(
            "; {} failed login(s) not counted: more than {} clients at once",
            report.untracked,
            guard::MAX_TRACKED
        ));
    }
    for log in report.logs.iter().filter(|l| l.skipped.is_some()) {
        text.push_str(&format!(
            "; {} skipped: {}",
            log.path,
            log.skipped.as_deref().unwrap_or_default()
        ));
    }
    text
}

fn list(ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let rows = guard::list(&session)?;
    ctx.printer.list(
        &rows,
        &[
            "address",
            "appName",
            "failures",
            "bannedUntil",
            "timesBanned",
        ],
        "address",
    )?;
    if rows.is_empty() {
        ctx.printer.note("no client is banned or counted");
    }
    Ok(())
}

fn unban(args: UnbanArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let done = guard::unban(&mut session, &args.address, args.app.as_deref())?;
    if session.dry_run {
        return dry_run::print(ctx, &session, Some(&done), "would unban");
    }
    ctx.printer
        .list(&done, &["address", "appName", "wasBanned"], "address")
}

fn allow(args: AllowArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    let networks = guard::allow(&mut session, args.network.as_deref(), args.remove)?;
    #[derive(serde::Serialize)]
    struct Allowed<'a> {
        network: &'a str,
    }
    let rows: Vec<Allowed> = networks.iter().map(|n| Allowed { network: n }).collect();
    ctx.printer.list(&rows, &["network"], "network")?;
    if rows.is_empty() {
        ctx.printer
            .note("no network is allowed: the guard may ban any client");
    }
    Ok(())
}
