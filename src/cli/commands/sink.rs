use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::installation::{self, NewSink};
use authgate::domain::installation::{SINK_PROVIDERS, sink_kinds};
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum SinkCommand {
    #[command(about = add_about(), after_long_help = add_examples())]
    Add(AddArgs),
    /// List the configured sinks (installation owners only)
    List,
    /// Stop publishing to a sink
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// Kind of sink: the Traefik provider that reads it
    #[arg(value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(sink_kinds()))]
    pub kind: String,
    #[arg(value_name = "URL", help = url_help())]
    pub url: String,
    /// Traefik's root key for the provider (providers.KIND.rootKey)
    #[arg(long, value_name = "KEY", default_value = "traefik")]
    pub root_key: String,
    /// A name for the sink [default: KIND-HOST-PORT]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Read the store's password from this file at each use
    #[arg(long, value_name = "PATH", conflicts_with = "password_env")]
    pub password_file: Option<PathBuf>,
    /// Read the store's password from this environment variable at each use
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

/// `sink add`'s summary, naming the providers.
fn add_about() -> String {
    format!(
        "Publish every application also to a key-value store that Traefik reads ({})",
        sink_kinds().collect::<Vec<_>>().join(", ")
    )
}

/// The URL each provider takes.
fn url_help() -> String {
    let each: Vec<String> = SINK_PROVIDERS
        .iter()
        .map(|p| format!("{}: {}", p.kind, p.url_help))
        .collect();
    format!(
        "Where the store is, never with a password ({})",
        each.join("; ")
    )
}

/// One example per provider.
fn add_examples() -> String {
    let mut out = String::from("Examples:");
    for p in SINK_PROVIDERS {
        out.push_str("\n  ");
        out.push_str(p.example);
    }
    out
}

#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// The sink's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Also delete the keys authgate wrote there (Traefik then drops those routes)
    #[arg(long)]
    pub purge: bool,
}

pub(crate) fn run(cmd: SinkCommand, ctx: &Context) -> Result<()> {
    match cmd {
        SinkCommand::Add(args) => {
            let new = NewSink {
                kind: args.kind,
                url: args.url,
                root_key: args.root_key,
                name: args.name,
                password_file: args.password_file.map(super::absolute),
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
