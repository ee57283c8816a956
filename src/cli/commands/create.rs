use clap::Args;

use super::{Context, ExpiryArgs, HashArgs, PasswordArgs, new_password, read_password};
use crate::cli::password_input::Source;
use authgate::domain::credentials::{self, CredentialView, Selector};
use authgate::error::Result;

/// Add a credential to an application
///
/// Adds a username/password pair to an application and publishes it to
/// Traefik. The password is hashed with bcrypt; it is never stored or printed
/// (a generated one is printed once).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  printf '%s' \"$PW\" | authgate create --app shop --username admin --password-stdin\n  authgate create --app shop --username ci --generate -o json\n  authgate create --app shop --username contractor --generate --expires-in 30d"
)]
pub struct CreateArgs {
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
}

pub fn run(args: CreateArgs, ctx: &Context) -> Result<()> {
    authgate::domain::validate::username(&args.username)?;
    let source = args
        .password
        .source(args.hash.length)
        .unwrap_or(Source::Prompt);
    let expires_at = args.expiry.expiry()?;
    let secret = read_password(ctx, &source, &args.hash)?;
    let mut session = ctx.session()?;
    let target = Selector::Name {
        app: args.app.clone(),
        username: args.username.clone(),
    };
    let password = new_password(
        ctx,
        &session,
        "security.create",
        &target,
        None,
        &secret,
        &args.hash,
    )?;
    let (app, credential) = credentials::create(
        &mut session,
        &args.app,
        &args.username,
        password,
        expires_at,
    )?;
    let mut view = CredentialView::new(&app, &credential, &session.providers());
    view.password = secret.generated.then_some(secret.value);
    ctx.printer.record(&view, "securityId")
}
