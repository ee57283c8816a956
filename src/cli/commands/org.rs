use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::{identity, upstreams};
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum OrgCommand {
    /// Create an organization; you become its owner
    Create(OrgName),
    /// List the organizations you belong to
    List,
    /// Make an organization your active one
    Switch(OrgName),
    /// Allow an organization upstreams in a network it may not reach
    /// otherwise (loopback, link-local); installation owners only
    ///
    /// Organizations other than the installation's may not route to this
    /// machine (127.0.0.0/8, ::1, 0.0.0.0, ::, localhost), where Traefik's
    /// API and other tenants' backends listen, nor to link-local addresses
    /// (169.254.0.0/16, fe80::/10), where cloud metadata services answer.
    /// An upstream address still has one organization.
    AllowUpstream(AllowUpstreamArgs),
    /// List the upstream networks allowed to organizations; installation
    /// owners only
    UpstreamNetworks,
}

#[derive(Debug, Args)]
pub(crate) struct AllowUpstreamArgs {
    /// Organization name
    #[arg(value_name = "ORG")]
    pub organization: String,
    /// Network (CIDR, such as 127.0.0.0/8) or single address
    #[arg(value_name = "CIDR")]
    pub network: String,
    /// No longer allow the network (applications that use it stay, and
    /// `authgate check` reports them)
    #[arg(long)]
    pub remove: bool,
}

#[derive(Debug, Args)]
pub(crate) struct OrgName {
    /// Organization name
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub(crate) fn run(cmd: OrgCommand, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    match cmd {
        OrgCommand::Create(args) => {
            let created = identity::create(&mut session, &args.name)?;
            ctx.printer.record(&created, "orgId")
        }
        OrgCommand::List => ctx.printer.list(
            &identity::list(&session)?,
            &["name", "role", "active", "+orgId"],
            "orgId",
        ),
        OrgCommand::Switch(args) => {
            let switched = identity::switch(&mut session, &args.name)?;
            ctx.printer
                .note(&format!("active organization is now '{}'", switched.name));
            Ok(())
        }
        OrgCommand::AllowUpstream(args) => {
            let allowed =
                upstreams::allow(&mut session, &args.organization, &args.network, args.remove)?;
            ctx.printer.record(&allowed, "org")
        }
        OrgCommand::UpstreamNetworks => ctx.printer.list(
            &upstreams::list_allowed(&session)?,
            &["org", "networks"],
            "org",
        ),
    }
}
