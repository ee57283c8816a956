//! `authgate audit prune`: deletes the organization's old events.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::parse_time;
use crate::cli::commands::Context;
use authgate::clock::timestamp;
use authgate::domain::audit;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Delete events older than this: a duration (365d) or an RFC 3339 time
    #[arg(long, value_name = "AGE", value_parser = parse_time)]
    pub older_than: DateTime<Utc>,
    /// Print how many events would be deleted, change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Prune the installation's log instead (installation owners only): denials aimed at another organization, which no organization's prune deletes
    #[arg(long)]
    pub installation: bool,
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

pub(super) fn run(args: PruneArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let events = if args.installation {
        audit::prune_installation(&mut session, args.older_than)?
    } else {
        audit::prune(&mut session, args.older_than)?
    };
    let whose = if args.installation {
        "the installation's log".to_string()
    } else {
        format!("organization '{}'", session.actor.org_name)
    };
    let view = PruneView {
        org: session.actor.org_name.clone(),
        before: timestamp(args.older_than),
        events,
        dry_run: args.dry_run,
    };
    ctx.printer.record(&view, "events")?;
    ctx.printer.note(&if args.dry_run {
        format!(
            "dry run: {events} event(s) of {whose} before {} would be deleted",
            view.before
        )
    } else {
        format!(
            "deleted {events} event(s) of {whose} before {}",
            view.before
        )
    });
    Ok(())
}
