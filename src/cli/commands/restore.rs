use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::cli::confirm;
use authgate::domain::backup;
use authgate::error::Result;

/// Replace the registry's content with a snapshot from `backup` (installation owners)
///
/// Checks that PATH is a whole authgate registry (a snapshot of a registry
/// from an older authgate is migrated; the file itself is only read), then
/// replaces the registry's whole content with it in one transaction, and
/// publishes every application to the Traefik directory and each sink of
/// the restored registry, as `sync` does: the files and keys of applications
/// the snapshot lacks are removed. Refused while any other authgate process
/// has the registry open. The restore is audited in the restored registry.
/// Afterwards only the snapshot's users and API keys exist: the command says
/// whether the key that restored is still an installation owner's.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example:\n  authgate restore ~/backups/authgate-2026-12-01.db && authgate check"
)]
pub(crate) struct RestoreArgs {
    /// The snapshot to restore, written by `authgate backup`
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Do not ask for confirmation on a terminal
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub(crate) fn run(args: RestoreArgs, ctx: &Context) -> Result<()> {
    let snapshot = backup::load_snapshot(&args.path, &ctx.options)?;
    let mut session = ctx.session()?;
    if !args.yes && confirm::can_ask() {
        confirm::ask(
            &format!(
                "replace everything in {} with the snapshot {}?",
                session.store.path().display(),
                args.path.display()
            ),
            "the registry was not changed",
        )?;
    }
    let report = backup::restore(&mut session, &ctx.options, &args.path, snapshot)?;
    if !report.key_is_installation_owner {
        ctx.printer.warn(&format!(
            "the API key that restored is not an installation owner's in the restored registry: act with a key of {}",
            match report.summary.installation_owners.as_slice() {
                [] => "an owner of its first organization".to_string(),
                owners => format!("one of its installation owners ({})", owners.join(", ")),
            }
        ));
    }
    if ctx.printer.format.is_table() && !ctx.printer.quiet {
        ctx.printer.note(&format!(
            "restored {} from {}: {} organization(s), {} application(s), {} credential(s); users: {}; installation owners: {}; repaired {} item(s) in {}",
            session.store.path().display(),
            report.snapshot.display(),
            report.summary.organizations,
            report.summary.applications,
            report.summary.credentials,
            report.summary.users.join(", "),
            report.summary.installation_owners.join(", "),
            report.repaired,
            authgate::domain::drift::targets(&session)
        ));
        return Ok(());
    }
    ctx.printer.record(&report, "snapshot")
}
