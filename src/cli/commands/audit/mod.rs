//! `authgate audit`: the active organization's audit log (`list`), pruning
//! it (`prune`), and failed-login reports from Traefik's access logs
//! (`failures`).

mod failures;
mod installation;
mod list;
mod prune;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::audit;
use authgate::error::{Error, Result};

pub(crate) use failures::FailuresArgs;
pub(crate) use installation::InstallationArgs;
pub(crate) use list::ListArgs;
pub(crate) use prune::PruneArgs;

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
pub(crate) struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
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
    /// The installation's log (installation owners only): denials aimed at another organization's applications, credentials or hosts, which the prober's organization cannot prune
    #[command(
        after_long_help = "Examples:\n  authgate audit installation --since 7d\n  authgate audit prune --installation --older-than 365d"
    )]
    Installation(InstallationArgs),
}

pub(super) fn parse_time(s: &str) -> Result<DateTime<Utc>, Error> {
    audit::parse_time(s)
}

pub(crate) fn run(args: AuditArgs, ctx: &Context) -> Result<()> {
    match args.command {
        None => list::run(args.list, ctx),
        Some(AuditCommand::Prune(args)) => prune::run(args, ctx),
        Some(AuditCommand::Failures(args)) => failures::run(args, ctx),
        Some(AuditCommand::Installation(args)) => installation::run(args, ctx),
    }
}

/// Text from a log or typed by users, made safe for a terminal: control
/// characters escaped, everything else as it is. JSON and YAML escape on
/// their own.
pub(super) fn terminal_safe(value: &str) -> String {
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

pub(super) fn for_table(ctx: &Context, value: &mut Option<String>) {
    if ctx.printer.format.is_table()
        && let Some(v) = value
    {
        *v = terminal_safe(v);
    }
}
