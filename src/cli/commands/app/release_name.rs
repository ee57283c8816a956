//! `authgate app release-name`: frees an app name another organization gave
//! up, before its reservation ends.

use clap::Args;

use crate::cli::commands::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use authgate::domain::names;
use authgate::domain::validate;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct ReleaseNameArgs {
    /// The app name to free
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(super) fn run(args: ReleaseNameArgs, ctx: &Context) -> Result<()> {
    validate::app_name(&args.name)?;
    let mut session = ctx.session_for(args.dry_run)?;
    names::release(&mut session, &args.name)?;
    let note = format!(
        "app name '{}' released: any organization may take it now",
        args.name
    );
    if session.dry_run {
        return dry_run::print(
            ctx,
            &session,
            None::<&()>,
            &format!("would release app name '{}'", args.name),
        );
    }
    ctx.printer.note(&note);
    Ok(())
}
