use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Context;
use authgate::domain::password::cost;
use authgate::domain::session::{data_dir, default_credentials_file};
use authgate::domain::setup::{self, InitParams};
use authgate::error::Result;

/// Create the registry, the first organization and owner, and the Traefik directory
///
/// Creates the database, the first organization (--org, default "default")
/// and its owner (--user), writes the owner's API key to the credentials
/// file, creates the Traefik directory (--traefik-dir), and prints the
/// Traefik static configuration that watches it.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example:\n  authgate init --org acme --user alice --traefik-dir /etc/traefik/dynamic"
)]
pub(crate) struct InitArgs {
    /// Name of the owner user [default: $USER, else "admin"]
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Where to write the owner's API key [default: $XDG_CONFIG_HOME/authgate/credentials]
    #[arg(long, value_name = "PATH")]
    pub credentials_file: Option<PathBuf>,
    /// Default bcrypt cost for new hashes
    #[arg(long, value_name = "COST", default_value_t = cost::DEFAULT_COST, value_parser = clap::value_parser!(u32).range(4..=31))]
    pub cost: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Initialized {
    #[serde(flatten)]
    report: setup::InitReport,
    traefik_static_config: String,
    traefik_api_config: &'static str,
}

pub(crate) fn run(args: InitArgs, ctx: &Context) -> Result<()> {
    let user = args.user.unwrap_or_else(|| {
        std::env::var("USER")
            .ok()
            .filter(|u| authgate::domain::validate::identifier("user name", u).is_ok())
            .unwrap_or_else(|| "admin".to_string())
    });
    let params = InitParams {
        db: ctx.options.db_path()?,
        traefik_dir: match &ctx.options.traefik_dir {
            Some(dir) => dir.clone(),
            None => data_dir()?.join("traefik"),
        },
        credentials_file: match args.credentials_file {
            Some(p) => p,
            None => default_credentials_file()?,
        },
        org: ctx
            .options
            .org
            .clone()
            .unwrap_or_else(|| "default".to_string()),
        user,
        bcrypt_cost: args.cost,
    };
    let report = setup::init(&params)?;
    let snippet = setup::traefik_static_snippet(&report.traefik_dir);
    if ctx.printer.format.is_table() && !ctx.printer.quiet {
        ctx.printer.note(&format!(
            "Initialized {} for organization '{}' with owner '{}'.\nAPI key written to {} (mode 0600).\nTraefik files go to {}.\n\nAdd this to Traefik's static configuration:\n",
            report.database.display(),
            report.org,
            report.user,
            report.credentials_file.display(),
            report.traefik_dir.display()
        ));
        ctx.printer.text(&snippet)?;
        ctx.printer.note(&format!(
            "\nTo let --wait and `authgate status` ask Traefik what it serves, also turn its API on, on loopback (beside your other entry points), then run `authgate traefik add local --api http://127.0.0.1:8080`:\n\n{}",
            setup::TRAEFIK_API_SNIPPET.trim_end()
        ));
        return Ok(());
    }
    ctx.printer.record(
        &Initialized {
            report,
            traefik_static_config: snippet,
            traefik_api_config: setup::TRAEFIK_API_SNIPPET,
        },
        "keyId",
    )
}
