use clap::Args;

use super::{
    Context, DRY_RUN_HELP, ExpiryArgs, GENERATED_NOT_SHOWN, HashArgs, PasswordArgs, new_password,
    read_early, read_late, say_request_cost,
};
use crate::cli::dry_run;
use crate::cli::password_input::Source;
use authgate::domain::credentials::{self, CredentialView, Selector};
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
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub fn run(args: CreateArgs, ctx: &Context) -> Result<()> {
    authgate::domain::validate::username(&args.username)?;
    let source = args
        .password
        .source(args.hash.length)
        .unwrap_or(Source::Prompt);
    let expires_at = args.expiry.expiry()?;
    let early = read_early(ctx, &source, &args.hash)?;
    let mut session = ctx.session_for(args.dry_run)?;
    // What the application takes, before the password is read (a prompt)
    // or hashed: a fast-auth application refuses a chosen one here.
    let hashing = credentials::hashing_for_create(
        &session,
        &args.app,
        &args.username,
        source.origin(),
        args.hash.request(),
    )?;
    let secret = read_late(ctx, early, &source, &args.hash)?;
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
        hashing,
        &args.hash,
    )?;
    let cost = password.cost();
    let (app, credential) = credentials::create(
        &mut session,
        &args.app,
        &args.username,
        password,
        expires_at,
    )?;
    say_request_cost(ctx, &app, cost);
    if session.dry_run {
        let mut note = format!(
            "would add credential '{}' to '{}'",
            credential.username, app.app_name
        );
        if secret.is_generated() {
            note.push_str(GENERATED_NOT_SHOWN);
        }
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    let mut view = CredentialView::new(&app, &credential, &session.providers());
    view.password = secret.is_generated().then(|| secret.into_value());
    ctx.printer.record(&view, "securityId")
}
