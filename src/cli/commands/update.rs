use std::io::IsTerminal;

use clap::Args;

use super::{
    Context, DRY_RUN_HELP, ExpiryArgs, GENERATED_NOT_SHOWN, HashArgs, PasswordArgs, SelectorArgs,
    new_password, read_early, read_late, say_request_cost,
};
use crate::cli::dry_run;
use crate::cli::password_input::Source;
use authgate::domain::credentials::{self, CredentialView};
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
pub struct UpdateArgs {
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

pub fn run(args: UpdateArgs, ctx: &Context) -> Result<()> {
    let selector = args.selector.selector()?;
    let source = match args.password.source(args.hash.length) {
        Some(source) => Some(source),
        // Nothing asked for: on a terminal that means "ask for a new password".
        None if args.new_username.is_none()
            && !args.expiry.is_given()
            && !args.no_expiry
            && std::io::stdin().is_terminal() =>
        {
            Some(Source::Prompt)
        }
        None => None,
    };
    let new_expiry = match (args.no_expiry, args.expiry.expiry()?) {
        (true, _) => Some(None),
        (false, Some(at)) => Some(Some(at)),
        (false, None) => None,
    };
    credentials::check_update(
        args.new_username.as_deref(),
        source.is_some(),
        new_expiry.is_some(),
    )?;
    let early = match &source {
        Some(source) => read_early(ctx, source, &args.hash)?,
        None => None,
    };
    let mut session = ctx.session_for(args.dry_run)?;
    // What the application takes, before the password is read (a prompt)
    // or hashed: a fast-auth application refuses a chosen one here.
    let (secret, password) = match &source {
        Some(source) => {
            let hashing = credentials::hashing_for_update(
                &session,
                &selector,
                source.origin(),
                args.hash.request(),
            )?;
            let secret = read_late(ctx, early, source, &args.hash)?;
            let password = new_password(
                ctx,
                &session,
                "security.update",
                &selector,
                args.new_username.as_deref(),
                &secret,
                hashing,
                &args.hash,
            )?;
            (Some(secret), Some(password))
        }
        None => (None, None),
    };
    let cost = password.as_ref().map(|p| p.cost());
    let (app, credential) = credentials::update(
        &mut session,
        &selector,
        args.new_username.as_deref(),
        password,
        new_expiry,
    )?;
    if let Some(cost) = cost {
        say_request_cost(ctx, &app, cost);
    }
    if session.dry_run {
        let mut note = format!(
            "would update credential '{}' of '{}'",
            credential.username, app.app_name
        );
        if secret.as_ref().is_some_and(|s| s.is_generated()) {
            note.push_str(GENERATED_NOT_SHOWN);
        }
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    let mut view = CredentialView::new(&app, &credential, &session.providers());
    view.password = secret.filter(|s| s.is_generated()).map(|s| s.into_value());
    ctx.printer.record(&view, "securityId")
}
