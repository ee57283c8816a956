use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::installation::{self, NewSink};
use authgate::error::Result;
use authgate::sinks;

#[derive(Debug, Subcommand)]
pub enum SinkCommand {
    /// Publish every application also to a Redis server that Traefik's Redis provider reads
    #[command(
        after_long_help = "Example:\n  authgate sink add redis redis://10.0.0.2:6379/0 --root-key traefik --password-file /etc/authgate/redis.pw"
    )]
    Add(AddArgs),
    /// List the configured sinks (installation owners only)
    List,
    /// Stop publishing to a sink
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Kind of sink
    #[arg(value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(sinks::configured::KINDS))]
    pub kind: String,
    /// redis://HOST:PORT/DB, or rediss:// for TLS (no password in it)
    #[arg(value_name = "URL")]
    pub url: String,
    /// Traefik's providers.redis.rootKey
    #[arg(long, value_name = "KEY", default_value = "traefik")]
    pub root_key: String,
    /// A name for the sink [default: redis-HOST-PORT]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Read the Redis password from this file at each use
    #[arg(long, value_name = "PATH", conflicts_with = "password_env")]
    pub password_file: Option<PathBuf>,
    /// Read the Redis password from this environment variable at each use
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The sink's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Also delete the keys authgate wrote there (Traefik then drops those routes)
    #[arg(long)]
    pub purge: bool,
}

pub fn run(cmd: SinkCommand, ctx: &Context) -> Result<()> {
    match cmd {
        SinkCommand::Add(args) => {
            let new = NewSink {
                kind: args.kind,
                url: args.url,
                root_key: args.root_key,
                name: args.name,
                password_file: args.password_file.map(|p| {
                    std::path::absolute(&p)
                        .unwrap_or(p)
                        .to_string_lossy()
                        .into_owned()
                }),
                password_env: args.password_env,
            };
            let mut session = ctx.session()?;
            let (row, published) = installation::add_sink(&mut session, new)?;
            ctx.printer.note(&format!(
                "added sink '{}': {published} application(s) published to {}",
                row.name, row.url
            ));
            ctx.printer.record(&row, "name")
        }
        SinkCommand::List => {
            let session = ctx.session()?;
            let list = installation::list_sinks(&session)?;
            ctx.printer
                .list(&list, &["name", "kind", "url", "rootKey"], "name")
        }
        SinkCommand::Remove(args) => {
            let mut session = ctx.session()?;
            let purged = installation::remove_sink(&mut session, &args.name, args.purge)?;
            ctx.printer.note(&if args.purge {
                format!("removed sink '{}' and purged {purged} application(s)", args.name)
            } else {
                format!(
                    "removed sink '{}'; the keys it wrote stay until you delete them (or use --purge)",
                    args.name
                )
            });
            Ok(())
        }
    }
}
