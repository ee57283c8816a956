use clap::Args;

use super::{Context, DRY_RUN_HELP, ExpiryArgs, HashArgs, PasswordArgs, ScopeArgs};
use crate::cli::written::print_written;
use authgate::domain::credentials::{self, NewCredential, Owner};
use authgate::domain::password::Source;
use authgate::error::{Error, Result};

/// Add a credential to an application, or share one with a project
///
/// Adds a username/password pair to an application and publishes it to
/// Traefik. The password is hashed with bcrypt; it is never stored or printed
/// (a generated one is printed once). A fast-auth application takes only
/// --generate (at least 22 characters), stored as {SHA}.
///
/// With --project (and --environment) instead of --app, every application of
/// that project (or environment) accepts the credential, and so does one
/// added there later: all of them are published in one change. A shared
/// credential is always bcrypt, and a fast-auth application does not accept
/// it. Owners and admins only.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  printf '%s' \"$PW\" | authgate create --app shop --username admin --password-stdin\n  authgate create --app shop --username ci --generate -o json\n  authgate create --app shop --username contractor --generate --expires-in 30d\n  # one reviewer for every application of staging\n  authgate create --project shop --environment staging --username reviewer --generate"
)]
pub(crate) struct CreateArgs {
    /// Application id or app name
    #[arg(
        long,
        value_name = "APP",
        required_unless_present = "project",
        conflicts_with = "project"
    )]
    pub app: Option<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
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
        owner: match (args.app, args.scope.scope()) {
            (Some(app), _) => Owner::App(app),
            (None, Some(scope)) => Owner::Shared(scope),
            (None, None) => {
                return Err(Error::bad_request(
                    "give --app APP, or --project NAME for a shared credential",
                ));
            }
        },
        username: args.username,
    };
    let written = credentials::create_with(&options, new, ctx)?;
    print_written(ctx, written, |username, holder| {
        format!("would add credential '{username}' to '{holder}'")
    })
}
