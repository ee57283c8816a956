use std::io::IsTerminal;

use clap::Args;

use super::{Context, DRY_RUN_HELP, ExpiryArgs, HashArgs, PasswordArgs, SelectorArgs};
use crate::cli::written::print_written;
use authgate::domain::credentials::{self, CredentialChange};
use authgate::domain::password::Source;
use authgate::error::Result;

/// Change a credential's password, username and/or expiry
///
/// Changes a credential's password (rotation), its username and/or its
/// expiry. With --new-username or an expiry alone the password hash is kept.
/// With none of them, a password is asked for on a terminal; without a
/// terminal it is an error. A fast-auth application takes only --generate
/// (at least 22 characters).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  authgate update --app shop --username admin --password-stdin < new-password\n  # crontab: rotate on the 1st of every month at 03:00\n  0 3 1 * * umask 077; authgate update --app shop --username admin --generate -o json >> /root/rotated.json"
)]
pub(crate) struct UpdateArgs {
    #[command(flatten)]
    pub selector: SelectorArgs,
    /// Rename the credential
    #[arg(long, value_name = "NAME")]
    pub new_username: Option<String>,
    #[command(flatten)]
    pub password: PasswordArgs,
    #[command(flatten)]
    pub hash: HashArgs,
    #[command(flatten)]
    pub expiry: ExpiryArgs,
    /// Never expire (clears --expires-in / --expires-at given before)
    #[arg(long, conflicts_with_all = ["expires_in", "expires_at"])]
    pub no_expiry: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(crate) fn run(args: UpdateArgs, ctx: &Context) -> Result<()> {
    let options = ctx.options_for(args.dry_run);
    let selector = args.selector.selector()?;
    let source = match args.hash.source(&args.password)? {
        Some(source) => Some(source),
        // Nothing asked for: on a terminal that means "ask for a new password".
        None if args.new_username.is_none()
            && !args.expiry.expiry().is_given()
            && !args.no_expiry
            && std::io::stdin().is_terminal() =>
        {
            Some(Source::Prompt)
        }
        None => None,
    };
    let change = CredentialChange {
        selector,
        new_username: args.new_username,
        source,
        request: args.hash.request(),
        expiry: args.expiry.expiry(),
        no_expiry: args.no_expiry,
    };
    let written = credentials::update_with(&options, change, ctx)?;
    print_written(ctx, written, |username, app| {
        format!("would update credential '{username}' of '{app}'")
    })
}
