use clap::Args;

use super::{Context, SelectorArgs};
use authgate::domain::credentials::{self, CredentialView};
use authgate::error::Result;

/// Show a credential
///
/// Shows a credential: by SECURITY_ID, by --app and --username, or, for a
/// shared one, by --project (and --environment) and --username, with the
/// applications it reaches.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  authgate show 0192c0de-...\n  authgate show --app shop --username admin -o json"
)]
pub(crate) struct ShowArgs {
    #[command(flatten)]
    pub selector: SelectorArgs,
    /// Also print the stored hash (needs the right to change the credential)
    #[arg(long)]
    pub show_hash: bool,
}

pub(crate) fn run(args: ShowArgs, ctx: &Context) -> Result<()> {
    let selector = args.selector.selector()?;
    let session = ctx.session()?;
    let (holder, credential) = credentials::show(&session, &selector, args.show_hash)?;
    let mut view = CredentialView::of(&holder, &credential, &session.providers());
    if args.show_hash {
        view.password_hash = Some(credential.password_hash);
    }
    ctx.printer.record(&view, "securityId")
}
