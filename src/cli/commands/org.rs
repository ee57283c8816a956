use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::identity;
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create an organization; you become its owner
    Create(OrgName),
    /// List the organizations you belong to
    List,
    /// Make an organization your active one
    Switch(OrgName),
}

#[derive(Debug, Args)]
pub struct OrgName {
    /// Organization name
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub fn run(cmd: OrgCommand, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    match cmd {
        OrgCommand::Create(args) => {
            let created = identity::create(&mut session, &args.name)?;
            ctx.printer.record(&created, "orgId")
        }
        OrgCommand::List => ctx.printer.list(
            &identity::list(&session)?,
            &["name", "role", "active", "orgId"],
            "orgId",
        ),
        OrgCommand::Switch(args) => {
            let switched = identity::switch(&mut session, &args.name)?;
            ctx.printer
                .note(&format!("active organization is now '{}'", switched.name));
            Ok(())
        }
    }
}
