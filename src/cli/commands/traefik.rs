use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::served::{self, NewInstance};
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum TraefikCommand {
    /// Register a Traefik instance that serves this installation, by its API (installation owners only)
    #[command(
        after_long_help = "Traefik's API must be on, on a loopback entry point named traefik:\n  api: {insecure: true}\n  entryPoints: {traefik: {address: \"127.0.0.1:8080\"}}\n\nExamples:\n  authgate traefik add edge --api http://127.0.0.1:8080 --entrypoint-url http://127.0.0.1:80\n  authgate traefik add node2 --api http://10.0.0.3:8080 --reads redis-10.0.0.2-6379 --api-user authgate --password-file /etc/authgate/traefik-api.pw"
    )]
    Add(AddArgs),
    /// List the registered Traefik instances (installation owners only)
    List,
    /// Forget a Traefik instance (installation owners only)
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// A name for the instance
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The base URL of Traefik's API, such as http://127.0.0.1:8080 (no password in it)
    #[arg(long, value_name = "URL")]
    pub api: String,
    /// What it reads of authgate's: directory (the watched directory), or a sink's name; repeatable [default: directory]
    #[arg(long, value_name = "directory|SINK")]
    pub reads: Vec<String>,
    /// Where one of its entry points answers, for `status --probe` (http://127.0.0.1:80); repeatable
    #[arg(long, value_name = "URL")]
    pub entrypoint_url: Vec<String>,
    /// The user of the API's basic auth
    #[arg(long, value_name = "NAME")]
    pub api_user: Option<String>,
    /// Read the API's password from this file at each use
    #[arg(long, value_name = "PATH", conflicts_with = "password_env")]
    pub password_file: Option<PathBuf>,
    /// Read the API's password from this environment variable at each use
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// The instance's name
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub(crate) fn run(cmd: TraefikCommand, ctx: &Context) -> Result<()> {
    match cmd {
        TraefikCommand::Add(args) => {
            let new = NewInstance {
                name: args.name,
                api_url: args.api,
                reads: args.reads,
                entrypoint_urls: args.entrypoint_url,
                api_user: args.api_user,
                password_file: args.password_file.map(super::absolute),
                password_env: args.password_env,
            };
            let mut session = ctx.session()?;
            let instance = served::add_instance(&mut session, new)?;
            ctx.printer.note(&format!(
                "registered Traefik instance '{}' at {}",
                instance.name, instance.api_url
            ));
            ctx.printer.record(&instance, "name")
        }
        TraefikCommand::List => {
            let session = ctx.session()?;
            let list = served::list_instances(&session)?;
            ctx.printer.list(
                &list,
                &["name", "apiUrl", "reads", "entrypointUrls"],
                "name",
            )
        }
        TraefikCommand::Remove(args) => {
            let mut session = ctx.session()?;
            let instance = served::remove_instance(&mut session, &args.name)?;
            ctx.printer
                .note(&format!("removed Traefik instance '{}'", instance.name));
            Ok(())
        }
    }
}
