use std::io::IsTerminal;

use clap::Args;

use super::{Context, PasswordArgs, SelectorArgs};
use authgate::domain::credentials;
use authgate::domain::password::{self, Source, secret};
use authgate::error::{Error, Result};

/// Check a password against a credential's stored hash (exit 6 on mismatch)
///
/// Checks a password against a credential's stored hash (bcrypt, APR1 or
/// {SHA}), like `htpasswd -v`. Exit 0 on a match, 6 otherwise. Viewers may
/// verify.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example:\n  printf '%s' \"$PW\" | authgate verify --app shop --username admin --password-stdin && echo ok"
)]
pub(crate) struct VerifyArgs {
    #[command(flatten)]
    pub selector: SelectorArgs,
    #[command(flatten)]
    pub password: PasswordArgs,
}

pub(crate) fn run(args: VerifyArgs, ctx: &Context) -> Result<()> {
    let selector = args.selector.selector()?;
    if args.password.generate {
        return Err(Error::bad_request(
            "--generate makes no sense for verify: give the password to check",
        ));
    }
    // --generate was refused above, so the length is never used.
    let source = args
        .password
        .source(secret::DEFAULT_GENERATED_LENGTH, Default::default())
        .unwrap_or(Source::Prompt);
    if source == Source::Prompt && !std::io::stdin().is_terminal() {
        return Err(Error::bad_request(
            "no password given and stdin is not a terminal: give the password to check with --password-stdin, --password-file PATH or --password-env VAR",
        ));
    }
    let session = ctx.session()?;
    let (secret, _) = password::source::read_unchecked(&source, ctx)?;
    let (holder, credential) = credentials::verify(&session, &selector, secret.expose())?;
    ctx.printer.note(&match holder.app() {
        Some(app) => format!(
            "password matches user '{}' of application '{}'",
            credential.username, app.app_name
        ),
        None => format!(
            "password matches user '{}' shared by {}",
            credential.username,
            holder.name()
        ),
    });
    Ok(())
}
