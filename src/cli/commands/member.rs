use clap::{Args, Subcommand};

use super::Context;
use super::user::parse_role;
use authgate::domain::identity;
use authgate::domain::identity::Role;
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum MemberCommand {
    /// Change a member's role in the active organization
    SetRole(SetRoleArgs),
    /// Remove a member (and their grants) from the active organization
    Remove(MemberName),
}

#[derive(Debug, Args)]
pub(crate) struct SetRoleArgs {
    /// User name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// New role: owner, admin, member or viewer
    #[arg(value_name = "ROLE", value_parser = parse_role)]
    pub role: Role,
}

#[derive(Debug, Args)]
pub(crate) struct MemberName {
    /// User name
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub(crate) fn run(cmd: MemberCommand, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    match cmd {
        MemberCommand::SetRole(args) => {
            let member = identity::set_role(&mut session, &args.name, args.role)?;
            ctx.printer.record(&member, "userId")
        }
        MemberCommand::Remove(args) => {
            let member = identity::remove_member(&mut session, &args.name)?;
            ctx.printer.note(&format!(
                "removed '{}' from organization '{}'",
                member.name, session.actor.org_name
            ));
            Ok(())
        }
    }
}
