//! `authgate app list`: the caller's applications and their protection.

use super::AppView;
use crate::cli::commands::Context;
use authgate::domain::apps;
use authgate::error::Result;

pub(super) fn run(ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let list = apps::list_with_protection(&session)?;
    let providers = session.providers();
    let views: Vec<AppView<'_>> = list
        .iter()
        .map(|(app, protection)| AppView::with(app, *protection, &providers))
        .collect();
    ctx.printer.list(
        &views,
        &[
            "appName",
            "+applicationId",
            "+project",
            "+environment",
            "routing",
            "+fastAuth",
            "+private",
            "state",
            "activeUsers",
            "domains",
        ],
        "applicationId",
    )
}
