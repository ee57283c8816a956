//! `authgate app add`: registers an application.

use clap::Args;

use super::{AccessArgs, AppView, warn_if_public};
use crate::cli::commands::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use authgate::domain::apps::{self, AccessRules, NewApp, Routing};
use authgate::domain::names;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// Application id [default: generated app-...]
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Slug used for Traefik names and the file name; unique across all organizations
    #[arg(long, value_name = "SLUG")]
    pub app_name: String,
    /// Display name [default: the app name]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Project, created in the active organization when missing
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub project: String,
    /// Environment, created in the project when missing
    #[arg(long, value_name = "NAME", default_value = "production")]
    pub environment: String,
    #[command(flatten)]
    pub routing: RoutingArgs,
    /// Realm shown in the browser's login dialog [default: the app name]
    #[arg(long, value_name = "TEXT")]
    pub realm: Option<String>,
    /// Fast authentication, for machine clients: every credential is a secret authgate generates (--generate, at least 22 characters), stored as {SHA}, which Traefik checks in microseconds instead of milliseconds of bcrypt on every request
    #[arg(long)]
    pub fast_auth: bool,
    /// Closed until its first credential: Traefik answers 401 to everyone instead of serving it publicly, and again once its last credential is deleted
    #[arg(long)]
    pub private: bool,
    /// A router defined elsewhere that serves the application, as Traefik's access log names it (repeatable; `audit failures` counts its lines for this application; one application per router)
    #[arg(long = "router", value_name = "NAME@PROVIDER")]
    pub routers: Vec<String>,
    #[command(flatten)]
    pub access: AccessArgs,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RoutingArgs {
    /// Host name routed to the application (repeatable)
    #[arg(long = "domain", value_name = "HOST")]
    pub domains: Vec<String>,
    /// External routing: a host that the router you write elsewhere serves (repeatable); claimed so that no other application can take it, written nowhere
    #[arg(long = "host", value_name = "HOST", conflicts_with = "domains")]
    pub hosts: Vec<String>,
    /// Upstream URL, http or https (repeatable)
    #[arg(long = "upstream", value_name = "URL")]
    pub upstreams: Vec<String>,
    /// Traefik entry point (repeatable)
    #[arg(long = "entrypoint", value_name = "NAME")]
    pub entrypoints: Vec<String>,
    /// Serve the router over TLS
    #[arg(long)]
    pub tls: bool,
    /// Certificate resolver (implies --tls)
    #[arg(long, value_name = "NAME")]
    pub cert_resolver: Option<String>,
}

pub(super) fn run(args: AddArgs, ctx: &Context) -> Result<()> {
    let app = apps::prepare(NewApp {
        application_id: args.id,
        app_name: args.app_name,
        name: args.name,
        project: args.project,
        environment: args.environment,
        routing: Routing {
            domains: args.routing.domains,
            hosts: args.routing.hosts,
            upstreams: args.routing.upstreams,
            entrypoints: args.routing.entrypoints,
            tls: args.routing.tls,
            cert_resolver: args.routing.cert_resolver,
        },
        realm: args.realm,
        access: AccessRules {
            public_paths: args.access.public_paths,
            protect_paths: args.access.protect_paths,
            trusted_networks: args.access.trusted_networks,
            allow_preflight: args.access.allow_preflight,
        },
        fast_auth: args.fast_auth,
        private: args.private,
    })?;
    let mut routers = args.routers;
    names::check_routers(&mut routers)?;
    let mut session = ctx.session_for(args.dry_run)?;
    let app = apps::add(&mut session, app, routers)?;
    let view = AppView::new(&session, &app)?;
    warn_if_public(ctx, &view, session.dry_run);
    if session.dry_run {
        let note = format!("would add application '{}'", app.app_name);
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    ctx.printer.record(&view, "applicationId")
}
