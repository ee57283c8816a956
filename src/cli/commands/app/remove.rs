//! `authgate app remove`: removes an application with its credentials and
//! its Traefik file, asking first on a terminal.

use clap::Args;

use super::AppView;
use crate::cli::commands::{Context, DRY_RUN_HELP};
use crate::cli::{confirm, dry_run};
use authgate::domain::apps;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
    /// Do not ask for confirmation on a terminal
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Remove it even while routers authgate did not write reference its middleware (audited)
    #[arg(long)]
    pub force: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(super) fn run(args: RemoveArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    // A dry run removes nothing: nothing to confirm.
    if !args.yes && !args.dry_run && confirm::can_ask() {
        let app = apps::show(&session, &args.app)?;
        let credentials = apps::credential_count(&session, &app)?;
        confirm::ask(
            &format!(
                "remove application '{}' ({}) and its {credentials} credential(s)?",
                app.app_name,
                app.domains.join(", ")
            ),
            &format!("application '{}' was not removed", app.app_name),
        )?;
    }
    let (app, removed) = apps::remove(&mut session, &args.app, args.force)?;
    if session.dry_run {
        let note = format!(
            "would remove application '{}' with {removed} credential(s)",
            app.app_name
        );
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    ctx.printer.note(&format!(
        "removed application '{}' with {removed} credential(s)",
        app.app_name
    ));
    let view = AppView::with(&app, apps::Protection::REMOVED, &session.providers());
    ctx.printer.record(&view, "applicationId")
}
