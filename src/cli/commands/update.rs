use std::io::IsTerminal;

use clap::Args;

use super::{Context, HashArgs, PasswordArgs, SelectorArgs, hash_secret, read_password};
use crate::cli::password_input::Source;
use authgate::domain::credentials::{self, CredentialView};
use authgate::error::Result;

/// Change a credential's password and/or username
///
/// Changes a credential's password (rotation) and/or its username. With
/// --new-username alone the password hash is kept. With neither, a password
/// is asked for on a terminal; without a terminal it is an error.
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
    let secret = source
        .map(|source| read_password(ctx, &source, &args.hash))
        .transpose()?;
    let mut session = ctx.session()?;
    let hash = secret
        .as_ref()
        .map(|secret| hash_secret(&session, secret, &args.hash))
        .transpose()?;
    let (app, credential) =
        credentials::update(&mut session, &selector, args.new_username.as_deref(), hash)?;
    let mut view = CredentialView::new(&app, &credential, &session.providers());
    view.password = secret.filter(|s| s.generated).map(|s| s.value);
    ctx.printer.record(&view, "securityId")
}
