use clap::Args;

use super::{Context, DRY_RUN_HELP, ExpiryArgs, GENERATED_NOT_SHOWN, HashArgs, PasswordArgs};
use crate::cli::dry_run;
use authgate::domain::credentials::{self, CredentialView, NewCredential, Written};
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
        source: args
            .password
            .source(args.hash.length)
            .unwrap_or(Source::Prompt),
        request: args.hash.request(),
        expiry: args.expiry.expiry(),
        app: args.app,
        username: args.username,
    };
    let written = credentials::create_with(&options, new, ctx)?;
    let Written {
        session,
        app,
        credential,
        generated,
    } = written;
    if session.dry_run {
        let mut note = format!(
            "would add credential '{}' to '{}'",
            credential.username, app.app_name
        );
        if generated.is_some() {
            note.push_str(GENERATED_NOT_SHOWN);
        }
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    let mut view = CredentialView::new(&app, &credential, &session.providers());
    view.password = generated.map(|secret| secret.into_value());
    ctx.printer.record(&view, "securityId")
}
