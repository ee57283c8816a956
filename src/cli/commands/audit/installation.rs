//! `authgate audit installation`: the installation's log, for installation
//! owners.

use chrono::{DateTime, Utc};
use clap::Args;

use super::{for_table, parse_time};
use crate::cli::commands::Context;
use authgate::domain::audit;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct InstallationArgs {
    /// Only events at or after this time: RFC 3339, a date, or a duration ago (24h, 7d)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub since: Option<DateTime<Utc>>,
    /// At most this many events, newest first (0: all)
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: u64,
}

pub(super) fn run(args: InstallationArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let limit = (args.limit > 0).then_some(args.limit);
    let mut rows = audit::list_installation(&session, args.since, limit)?;
    for row in &mut rows {
        for field in [&mut row.actor_name, &mut row.target, &mut row.detail] {
            for_table(ctx, field);
        }
    }
    ctx.printer.list(
        &rows,
        &[
            "at",
            "actorName",
            "org",
            "action",
            "aimedOrg",
            "target",
            "detail",
        ],
        "id",
    )?;
    if rows.is_empty() {
        ctx.printer.note("no events in the installation's log");
    }
    Ok(())
}
