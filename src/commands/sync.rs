use clap::Args;

use super::Context;
use crate::drift;
use crate::error::Result;

/// Rewrite the Traefik directory from the database
///
/// Rewrites every application's file from the database, and removes
/// authgate's orphaned files and stray temp files (never a file without
/// authgate's header). Idempotent.
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
    let dir = session.sink.dir.display();
    ctx.printer.note(&match (findings.len(), args.dry_run) {
        (0, _) => format!("{dir} already matches the database; nothing to do"),
        (n, true) => format!("dry run: would repair {n} file(s) in {dir}"),
        (n, false) => format!("repaired {n} file(s) in {dir}"),
    });
    Ok(())
}
