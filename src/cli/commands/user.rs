use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use authgate::domain::identity;
use authgate::domain::identity::Member;
use authgate::domain::identity::Role;
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Create a user in the active organization and print its API key once
    Create(CreateUserArgs),
    /// List the active organization's users and roles
    List,
}

#[derive(Debug, Args)]
pub(crate) struct CreateUserArgs {
    /// User name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Role in the active organization: owner, admin, member or viewer
    #[arg(long, value_name = "ROLE", value_parser = parse_role)]
    pub role: Role,
}

pub(crate) fn parse_role(s: &str) -> Result<Role> {
    s.parse()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreatedUser {
    #[serde(flatten)]
    member: Member,
    key_id: String,
    api_key: String,
}

pub(crate) fn run(cmd: UserCommand, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    match cmd {
        UserCommand::Create(args) => {
            let created = identity::create_user(&mut session, &args.name, args.role)?;
            ctx.printer
                .note("the API key is shown only now: store it safely");
            ctx.printer.record(
                &CreatedUser {
                    member: created.member,
                    key_id: created.key_id,
                    api_key: created.api_key,
                },
                "apiKey",
            )
        }
        UserCommand::List => ctx.printer.list(
            &identity::list_members(&session)?,
            &["name", "role", "+userId", "joinedAt"],
            "name",
        ),
    }
}
