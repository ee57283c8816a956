use std::io::IsTerminal;

use clap::Args;

use super::{
    Context, HashArgs, PasswordArgs, SelectorArgs, hash_secret, read_early, read_late,
    say_request_cost,
};
use crate::cli::password_input::Source;
use authgate::domain::credentials::{self, CredentialView};
use authgate::error::Result;

/// Change a credential's password and/or username
///
/// Changes a credential's password (rotation) and/or its username. With
/// --new-username alone the password hash is kept. With neither, a password
/// is asked for on a terminal; without a terminal it is an error. A
/// fast-auth application takes only --generate (at least 22 characters).
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
}

pub fn run(args: UpdateArgs, ctx: &Context) -> Result<()> {
    let selector = args.selector.selector()?;
    let source = match args.password.source(args.hash.length) {
        Some(source) => Some(source),
        // Nothing asked for: on a terminal that means "ask for a new password".
        None if args.new_username.is_none() && std::io::stdin().is_terminal() => {
            Some(Source::Prompt)
        }
        None => None,
    };
    credentials::check_update(args.new_username.as_deref(), source.is_some())?;
    let early = match &source {
        Some(source) => read_early(ctx, source, &args.hash)?,
        None => None,
    };
    let mut session = ctx.session()?;
    // What the application takes, before the password is read (a prompt)
    // or hashed: a fast-auth application refuses a chosen one here.
    let (secret, new) = match &source {
        Some(source) => {
            let hashing = credentials::hashing_for_update(
                &session,
                &selector,
                source.origin(),
                args.hash.request(),
            )?;
            let secret = read_late(ctx, early, source, &args.hash)?;
            let new = hash_secret(ctx, &secret, hashing)?;
            (Some(secret), Some(new))
        }
        None => (None, None),
    };
    let cost = new.as_ref().map(|n| n.cost());
    let (app, credential) =
        credentials::update(&mut session, &selector, args.new_username.as_deref(), new)?;
    if let Some(cost) = cost {
        say_request_cost(ctx, &app, cost);
    }
    let mut view = CredentialView::new(&app, &credential, &session.providers());
    view.password = secret.filter(|s| s.is_generated()).map(|s| s.into_value());
    ctx.printer.record(&view, "securityId")
}
