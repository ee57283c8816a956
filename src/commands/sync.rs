use clap::Args;

use super::Context;
use crate::drift;
use crate::error::Result;

/// Rewrite the Traefik directory (and Redis sinks) from the database
///
/// Rewrites every application's file from the database, and removes
/// authgate's orphaned files and stray temp files (never a file without
/// authgate's header). In Redis sinks, replaces each drifted application's
/// keys and removes the keys of applications that no longer exist (never a
/// key authgate did not write). Idempotent.
#[derive(Debug, Args)]
#[command(after_long_help = "Example:\n  authgate sync --dry-run && authgate sync")]
pub struct SyncArgs {
    /// Print what would be done, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: SyncArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    let findings = drift::run_sync(&mut session, args.dry_run)?;
    ctx.printer
        .list(&findings, &["status", "path", "detail"], "path")?;
    let targets = drift::targets(&session);
    ctx.printer.note(&match (findings.len(), args.dry_run) {
        (0, _) => format!("{targets} already matches the database; nothing to do"),
        (n, true) => format!("dry run: would repair {n} item(s) in {targets}"),
        (n, false) => format!("repaired {n} item(s) in {targets}"),
    });
    Ok(())
}
