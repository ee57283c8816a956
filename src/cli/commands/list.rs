use std::time::Duration;

use clap::Args;

use super::{Context, ScopeArgs};
use authgate::domain::credentials;
use authgate::error::{Error, Result};

/// List credentials
///
/// Lists the credentials you may see in the active organization, sorted by
/// application, then username, and then the credentials projects and
/// environments share (their scope says where). With --app, the
/// application's own credentials and those it inherits; with --project
/// (and --environment), only the ones that scope shares.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  # passwords due for rotation\n  authgate list --older-than 90d -o json\n  # credentials that expire within a week, as ids for a script\n  authgate list --expiring 7d -q"
)]
pub(crate) struct ListArgs {
    /// Only this application (id or app name): its own credentials and those it inherits
    #[arg(long, value_name = "APP", conflicts_with = "project")]
    pub app: Option<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Only credentials not updated for this long (e.g. 90d, 12h)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub older_than: Option<Duration>,
    /// Only credentials that have expired (never published again)
    #[arg(long, conflicts_with = "expiring")]
    pub expired: bool,
    /// Only credentials that expire within this long, or have expired (e.g. 7d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expiring: Option<Duration>,
}

fn parse_duration(s: &str) -> Result<Duration, Error> {
    humantime::parse_duration(s).map_err(|e| {
        Error::bad_request(format!(
            "invalid duration '{s}': {e} (examples: 90d, 12h, 30m)"
        ))
    })
}

pub(crate) fn run(args: ListArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let scope = args.scope.scope();
    let filter = credentials::ListFilter {
        app: args.app.as_deref(),
        older_than: args.older_than,
        expired: args.expired,
        expiring_within: args.expiring,
        scope: scope.as_ref(),
    };
    let mut shown = 0usize;
    credentials::list(&session, &filter, |head, rows| {
        for app in &head.mixed {
            ctx.printer.warn(&credentials::mixed_scheme_warning(app));
        }
        // The scope once shared credentials may be listed; the application
        // unless only one scope's are.
        let columns: Vec<&str> = [
            "appName",
            "username",
            "scope",
            "+securityId",
            "hashScheme",
            "status",
            "expiresAt",
            "+updatedAt",
        ]
        .into_iter()
        .filter(|c| match *c {
            "appName" => scope.is_none(),
            "scope" => head.shared,
            _ => true,
        })
        .collect();
        ctx.printer
            .list_iter(rows.inspect(|_| shown += 1), &columns, "securityId")
    })?;
    if shown == 0 {
        ctx.printer.note("no credential matches");
    }
    Ok(())
}
