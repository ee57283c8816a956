use clap::Args;

use super::{Context, DRY_RUN_HELP, SelectorArgs};
use crate::cli::dry_run;
use authgate::domain::credentials::{self, CredentialView};
use authgate::error::Result;

/// Delete a credential
///
/// Deletes a credential. Deleting an application's last credential removes
/// its basicAuth middleware, unless the application is private: then it is
/// closed (401 to everyone) until a credential is added.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example:\n  authgate delete --app shop --username old-admin --ignore-not-found"
)]
pub(crate) struct DeleteArgs {
    #[command(flatten)]
    pub selector: SelectorArgs,
    /// Exit 0 when the credential does not exist
    #[arg(long)]
    pub ignore_not_found: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(crate) fn run(args: DeleteArgs, ctx: &Context) -> Result<()> {
    let selector = args.selector.selector()?;
    let mut session = ctx.session_for(args.dry_run)?;
    let dry = session.dry_run;
    let Some(deleted) = credentials::delete(&mut session, &selector, args.ignore_not_found)? else {
        if dry {
            return dry_run::print(ctx, &session, None::<&()>, "credential not found");
        }
        ctx.printer.note("credential not found; nothing deleted");
        return Ok(());
    };
    if deleted.remaining == 0 {
        let app = &deleted.app;
        // In a dry run, what would be.
        let (is, has, was) = if dry {
            ("would be", "would have", "would be")
        } else {
            ("is now", "has", "was")
        };
        if app.private {
            ctx.printer.note(&format!(
                "{} {has} no credentials left and is private, so it {is} closed: Traefik answers 401 to everyone until a credential is added",
                app.app_name
            ));
        } else if app.has_managed_routing() {
            ctx.printer.warn(&format!(
                "{} {is} publicly accessible: it {has} no credentials left, so its basicAuth middleware {was} removed",
                app.app_name
            ));
        } else {
            ctx.printer.warn(&format!(
                "{} {has} no credentials left, so the middleware {} {was} removed: routers that still reference it will answer 404 until the reference is removed",
                app.app_name,
                app.middleware_references(&session.providers()).join(" and ")
            ));
        }
    }
    if dry {
        let note = format!(
            "would delete credential '{}' of '{}'",
            deleted.credential.username, deleted.app.app_name
        );
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    ctx.printer.record(
        &CredentialView::new(&deleted.app, &deleted.credential, &session.providers()),
        "securityId",
    )
}
