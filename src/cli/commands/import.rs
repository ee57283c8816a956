use std::path::PathBuf;

use clap::Args;

use super::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use crate::cli::progress::{self, Bar, Unit};
use authgate::domain::accepted;
use authgate::domain::credentials;
use authgate::domain::password::scheme;
use authgate::error::{Error, Result};

/// Import credentials from an htpasswd file, keeping their hashes
///
/// Imports `user:hash` lines from an htpasswd file (nginx, Apache, Traefik's
/// usersFile). Hashes are kept as given: bcrypt ($2y$, $2b$, $2a$), APR1
/// ($apr1$) and {SHA}. All or nothing, in one transaction and one file write.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  authgate import --app shop /etc/nginx/htpasswd --dry-run\n  htpasswd -nbB alice 'secret' | authgate import --app shop -"
)]
pub(crate) struct ImportArgs {
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

pub(crate) fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let limit = accepted::max_import_bytes(session.conn())?;
    let (read, what) = if args.file.as_os_str() == "-" {
        (
            authgate::input::read(std::io::stdin().lock(), limit),
            "stdin".to_string(),
        )
    } else {
        (
            authgate::input::read_path(&args.file, limit),
            args.file.display().to_string(),
        )
    };
    // Bad input whatever its source: exit 2, nothing read beyond the bound.
    let text = match read {
        Ok(authgate::input::Limited::Fits(bytes)) => String::from_utf8(bytes)
            .map_err(|_| Error::bad_request(format!("{what} is not valid UTF-8")))?,
        Ok(authgate::input::Limited::TooLarge) => {
            return Err(Error::bad_request(format!(
                "{what} holds more than {limit} bytes, the most an import reads (the max-import-bytes setting); nothing was imported"
            )));
        }
        Err(e) => return Err(Error::bad_request(format!("cannot read {what}: {e}"))),
    };
    let htpasswd = scheme::read_htpasswd(&text);
    let bar = Bar::new(&ctx.printer, progress::MIN_IMPORT_ENTRIES, Unit::Items);
    let report = credentials::import(&mut session, &args.app, &htpasswd, args.replace, &bar)?;
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
