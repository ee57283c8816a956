use std::path::PathBuf;

use clap::Args;

use super::Context;
use authgate::domain::backup;
use authgate::error::Result;

/// Write a consistent snapshot of the registry to a file (installation owners)
///
/// Writes a consistent snapshot of the whole registry, taken while other
/// commands keep running, as one self-contained SQLite file of mode 0600
/// (no write-ahead log goes with it). The file is written under a temporary
/// name beside PATH and renamed into place once it is on disk; an existing
/// PATH is refused unless --force. Missing directories are created 0700.
/// Never copy the database file by hand: recent changes live in its
/// write-ahead log until a checkpoint. Audited.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  authgate backup ~/backups/authgate-$(date +%F).db\n  authgate restore ~/backups/authgate-2026-12-01.db"
)]
pub(crate) struct BackupArgs {
    /// Where to write the snapshot
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Replace PATH if it exists
    #[arg(long)]
    pub force: bool,
}

pub(crate) fn run(args: BackupArgs, ctx: &Context) -> Result<()> {
    backup::check_backup_target(&args.path, args.force)?;
    let mut session = ctx.session()?;
    let report = backup::backup(&mut session, &args.path, args.force)?;
    if ctx.printer.format.is_table() && !ctx.printer.quiet {
        ctx.printer.note(&format!(
            "wrote a snapshot of {} to {} ({} bytes, mode 0600): {} organization(s), {} application(s), {} credential(s)",
            session.store.path().display(),
            report.path.display(),
            report.bytes,
            report.summary.organizations,
            report.summary.applications,
            report.summary.credentials
        ));
        return Ok(());
    }
    ctx.printer.record(&report, "path")
}
