//! `authgate audit`: the events the caller may see, newest first.

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};

use super::{for_table, parse_time};
use crate::cli::commands::Context;
use authgate::domain::audit::{self, Filters};
use authgate::domain::audit::{Outcome, Row};
use authgate::error::Result;

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

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only events on this application (id or app name; the id or app name of a removed one works too)
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

pub(super) fn run(args: ListArgs, ctx: &Context) -> Result<()> {
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
        if ctx.printer.format.is_table() && row.app_name.is_none() {
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
            "+username",
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
