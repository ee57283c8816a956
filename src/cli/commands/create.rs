use clap::Args;

use super::{Context, DRY_RUN_HELP, ExpiryArgs, HashArgs, PasswordArgs};
use crate::cli::written::print_written;
use authgate::domain::credentials::{self, NewCredential};
use authgate::domain::password::Source;
use authgate::error::Result;

/// Add a credential to an application
///
/// Adds a username/password pair to an application and publishes it to
/// Traefik. The password is hashed with bcrypt; it is never stored or printed
/// (a generated one is printed once). A fast-auth application takes only
/// --generate (at least 22 characters), stored as {SHA}.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  printf '%s' \"$PW\" | authgate create --app shop --username admin --password-stdin\n  authgate create --app shop --username ci --generate -o json\n  authgate create --app shop --username contractor --generate --expires-in 30d"
)]
pub(crate) struct CreateArgs {
    /// Application id or app name
    #[arg(long, value_name = "APP")]
    pub app: String,
    /// Username (no ':', no control characters, no surrounding spaces)
    #[arg(long, value_name = "NAME")]
    pub username: String,
    #[command(flatten)]
    pub password: PasswordArgs,
    #[command(flatten)]
    pub hash: HashArgs,
    #[command(flatten)]
    pub expiry: ExpiryArgs,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(crate) fn run(args: CreateArgs, ctx: &Context) -> Result<()> {
    let options = ctx.options_for(args.dry_run);
    let new = NewCredential {
        source: args.hash.source(&args.password)?.unwrap_or(Source::Prompt),
        request: args.hash.request(),
        expiry: args.expiry.expiry(),
        app: args.app,
        username: args.username,
    };
    let written = credentials::create_with(&options, new, ctx)?;
    print_written(ctx, written, |username, app| {
        format!("would add credential '{username}' to '{app}'")
    })
}
