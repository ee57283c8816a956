use std::time::Duration;

use clap::Args;

use super::Context;
use authgate::domain::credentials;
use authgate::error::{Error, Result};

/// List credentials
///
/// Lists the credentials you may see in the active organization, sorted by
/// application, then username.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example (passwords due for rotation):\n  authgate list --older-than 90d -o json"
)]
pub struct ListArgs {
    /// Only this application (id or app name)
    #[arg(long, value_name = "APP")]
    pub app: Option<String>,
    /// Only credentials not updated for this long (e.g. 90d, 12h)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub older_than: Option<Duration>,
}

fn parse_duration(s: &str) -> Result<Duration, Error> {
    humantime::parse_duration(s).map_err(|e| {
        Error::bad_request(format!(
            "invalid duration '{s}': {e} (examples: 90d, 12h, 30m)"
        ))
    })
}

pub fn run(args: ListArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    credentials::list(
        &session,
        args.app.as_deref(),
        args.older_than,
        |mixed, rows| {
            for app in mixed {
                ctx.printer.warn(&credentials::mixed_scheme_warning(app));
            }
            ctx.printer.list_iter(
                rows,
                &[
                    "appName",
                    "username",
                    "securityId",
                    "hashScheme",
                    "updatedAt",
                ],
                "securityId",
            )
        },
    )
}
