use clap::Args;

use super::Context;
use crate::drift;
use crate::error::{Error, Result};

/// Report drift between the Traefik directory (and Redis sinks) and the database
///
/// Compares every application's file in the Traefik directory, and its keys
/// in each Redis sink, with what the database renders. Reports missing,
/// different and orphaned files or key sets, and stray temp files.
/// Read-only; exits 0 when clean and 1 on drift.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example (monitoring):\n  authgate check -o json || alert \"authgate drift\""
)]
pub struct CheckArgs {}

pub fn run(_args: CheckArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let (findings, mixed) = drift::run_check(&session)?;
    for app in &mixed {
        ctx.printer
            .warn(&crate::credentials::mixed_scheme_warning(app));
    }
    ctx.printer
        .list(&findings, &["status", "path", "detail"], "path")?;
    if findings.is_empty() {
        ctx.printer.note(&format!(
            "{} matches the database",
            drift::targets(&session)
        ));
        Ok(())
    } else {
        Err(Error::internal(format!(
            "{} item(s) in {} differ from the database: run `authgate sync`",
            findings.len(),
            drift::targets(&session)
        )))
    }
}
