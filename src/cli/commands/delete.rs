use clap::Args;

use super::{Context, DRY_RUN_HELP, SelectorArgs};
use crate::cli::dry_run;
use authgate::domain::apps::{Application, Emptied};
use authgate::domain::credentials::{self, CredentialView};
use authgate::error::Result;

/// Delete a credential
///
/// Deletes a credential. Deleting the last credential an application
/// accepts removes its basicAuth middleware, unless the application is
/// private: then it is closed (401 to everyone) until a credential is added.
/// A shared credential (--project) is deleted from every application of its
/// scope in one change.
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
    for app in &deleted.emptied {
        say_emptied(ctx, app, &session.providers(), dry);
    }
    if dry {
        let note = format!(
            "would delete credential '{}' of '{}'",
            deleted.credential.username,
            deleted.holder.name()
        );
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    ctx.printer.record(
        &CredentialView::of(&deleted.holder, &deleted.credential, &session.providers()),
        "securityId",
    )
}

/// Says what an application that accepts no credential any more does.
pub(crate) fn say_emptied(ctx: &Context, app: &Application, providers: &[&str], dry_run: bool) {
    let emptied = Emptied::of(app, providers, dry_run);
    if emptied.warning {
        ctx.printer.warn(&emptied.message);
    } else {
        ctx.printer.note(&emptied.message);
    }
}
