use clap::Args;

use super::Context;
use crate::cli::progress::{self, Bar, Unit};
use authgate::domain::drift;
use authgate::error::Result;

/// Rewrite the Traefik directory (and key-value sinks) from the database
///
/// Rewrites every application's file from the database, and removes
/// authgate's orphaned files and stray temp files (never a file without
/// authgate's header, which it reports and leaves alone). In key-value sinks, replaces each drifted application's
/// keys and removes the keys of applications that no longer exist (never a
/// key outside the subtrees of the names it owns). Idempotent.
#[derive(Debug, Args)]
#[command(after_long_help = "Example:\n  authgate sync --dry-run && authgate sync")]
pub(crate) struct SyncArgs {
    /// Print what would be repaired in the Traefik files and the sinks' keys, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub(crate) fn run(args: SyncArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let bar = Bar::new(&ctx.printer, progress::MIN_APPS, Unit::Items);
    let findings = drift::run_sync(&mut session, &bar)?;
    drop(bar);
    ctx.printer
        .list(&findings, &["status", "path", "detail"], "path")?;
    let targets = drift::targets(&session);
    let repairable = findings.iter().filter(|f| f.status.is_repairable()).count();
    let left = findings.len() - repairable;
    ctx.printer.note(&match (repairable, args.dry_run) {
        (0, _) if left == 0 => format!("{targets} already matches the database; nothing to do"),
        (0, _) => format!("nothing to repair in {targets}"),
        (n, true) => format!("dry run: would repair {n} item(s) in {targets}"),
        (n, false) => format!("repaired {n} item(s) in {targets}"),
    });
    if left > 0 {
        ctx.printer.warn(&format!(
            "{left} item(s) left alone for you to resolve: files authgate did not write, stored values today's rules refuse, or hosts several applications route (see the list)"
        ));
    }
    Ok(())
}
