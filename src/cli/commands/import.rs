use std::io::Read;
use std::path::PathBuf;

use clap::Args;

use super::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use crate::cli::progress::{self, Bar, Unit};
use authgate::domain::credentials;
use authgate::domain::hashes;
use authgate::error::{Context as _, Error, Result};

/// Import credentials from an htpasswd file, keeping their hashes
///
/// Imports `user:hash` lines from an htpasswd file (nginx, Apache, Traefik's
/// usersFile). Hashes are kept as given: bcrypt ($2y$, $2b$, $2a$), APR1
/// ($apr1$) and {SHA}. All or nothing, in one transaction and one file write.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  authgate import --app shop /etc/nginx/htpasswd --dry-run\n  htpasswd -nbB alice 'secret' | authgate import --app shop -"
)]
pub struct ImportArgs {
    /// Application id or app name
    #[arg(long, value_name = "APP")]
    pub app: String,
    /// The htpasswd file, or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Overwrite the hashes of usernames that already exist
    #[arg(long)]
    pub replace: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    let text = if args.file.as_os_str() == "-" {
        let mut buf = String::new();
        std::io::stdin()
            .read_to_string(&mut buf)
            .map_err(|e| Error::bad_request(format!("cannot read stdin: {e}")))?;
        buf
    } else {
        std::fs::read_to_string(&args.file).context_path("cannot read", &args.file)?
    };
    let entries = hashes::parse_htpasswd(&text)?;
    let mut session = ctx.session_for(args.dry_run)?;
    let bar = Bar::new(&ctx.printer, progress::MIN_IMPORT_ENTRIES, Unit::Items);
    let report = credentials::import(&mut session, &args.app, &entries, args.replace, &bar)?;
    drop(bar);
    let counts = format!(
        "{} added, {} replaced, {} skipped (already identical)",
        report.added, report.replaced, report.skipped
    );
    if report.dry_run {
        let note = format!("would import into '{}': {counts}", report.app_name);
        return dry_run::print(ctx, &session, Some(&report), &note);
    }
    ctx.printer.note(&counts);
    ctx.printer.record(&report, "applicationId")
}
