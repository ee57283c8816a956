use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use authgate::domain::identity;
use authgate::domain::identity::ApiKey;
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum ApikeyCommand {
    /// Create an API key for yourself and print it once
    Create(CreateKeyArgs),
    /// List your API keys (never their secrets)
    List,
    /// Revoke an API key by its key id
    Revoke(RevokeArgs),
}

#[derive(Debug, Args)]
pub(crate) struct CreateKeyArgs {
    /// A name to recognise the key by
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub name: String,
}

#[derive(Debug, Args)]
pub(crate) struct RevokeArgs {
    /// The key id (the part after ag_ and before the next _)
    #[arg(value_name = "KEY_ID")]
    pub key_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreatedKey {
    #[serde(flatten)]
    key: ApiKey,
    api_key: String,
}

pub(crate) fn run(cmd: ApikeyCommand, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    match cmd {
        ApikeyCommand::Create(args) => {
            let (key, api_key) = identity::create_key(&mut session, &args.name)?;
            ctx.printer
                .note("the API key is shown only now: store it safely");
            ctx.printer.record(&CreatedKey { key, api_key }, "apiKey")
        }
        ApikeyCommand::List => ctx.printer.list(
            &identity::list_keys(&session)?,
            &["keyId", "name", "createdAt", "lastUsedAt", "revokedAt"],
            "keyId",
        ),
        ApikeyCommand::Revoke(args) => {
            let key = identity::revoke_key(&mut session, &args.key_id)?;
            ctx.printer.record(&key, "keyId")
        }
    }
}
