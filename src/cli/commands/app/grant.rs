//! `authgate app grant` and `app revoke`: a member's or viewer's access to
//! an application.

use clap::Args;

use crate::cli::commands::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use authgate::domain::apps;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct GrantArgs {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
    /// The member's user name
    #[arg(long, value_name = "NAME")]
    pub user: String,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

/// Grants access, or with `grant == false` revokes it.
pub(super) fn run(args: &GrantArgs, grant: bool, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let changed = apps::set_grant(&mut session, &args.app, &args.user, grant)?;
    let verb = match (grant, session.dry_run) {
        (true, false) => "granted",
        (false, false) => "revoked",
        (true, true) => "would grant",
        (false, true) => "would revoke",
    };
    let msg = match (changed, grant) {
        (true, _) => format!("{verb} '{}' access to '{}'", args.user, args.app),
        (false, true) => format!("'{}' already had access to '{}'", args.user, args.app),
        (false, false) => format!("'{}' had no grant on '{}'", args.user, args.app),
    };
    if session.dry_run {
        return dry_run::print(ctx, &session, None::<&()>, &msg);
    }
    ctx.printer.note(&msg);
    Ok(())
}
