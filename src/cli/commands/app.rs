use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use authgate::domain::apps::{self, AppChanges, NewApp, Routing};
use authgate::domain::session::Session;
use authgate::error::Result;
use authgate::store::applications::Application;

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Register an application
    #[command(
        after_long_help = "Examples:\n  # managed routing: authgate writes the router and service\n  authgate app add --app-name shop --domain shop.example.com --upstream http://10.0.0.5:3000 --entrypoint websecure --cert-resolver letsencrypt\n  # external routing: only the middleware, attach shop-auth@file yourself\n  authgate app add --app-name shop"
    )]
    Add(AddArgs),
    /// List applications
    List,
    /// Show an application
    Show(AppRef),
    /// Change an application
    Update(UpdateArgs),
    /// Remove an application with its credentials and its Traefik file
    Remove(AppRef),
    /// Allow a member or viewer to use an application
    Grant(GrantArgs),
    /// Withdraw a member's or viewer's access to an application
    Revoke(GrantArgs),
}

#[derive(Debug, Args)]
pub struct AppRef {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
    /// The member's user name
    #[arg(long, value_name = "NAME")]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct AddArgs {
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
}

#[derive(Debug, Args)]
pub struct RoutingArgs {
    /// Host name routed to the application (repeatable)
    #[arg(long = "domain", value_name = "HOST")]
    pub domains: Vec<String>,
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

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
    /// New app name (renames the Traefik resources and file)
    #[arg(long, value_name = "SLUG")]
    pub app_name: Option<String>,
    /// New display name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Replace the domains (repeatable)
    #[arg(long = "domain", value_name = "HOST", conflicts_with = "clear_routing")]
    pub domains: Vec<String>,
    /// Replace the upstreams (repeatable)
    #[arg(
        long = "upstream",
        value_name = "URL",
        conflicts_with = "clear_routing"
    )]
    pub upstreams: Vec<String>,
    /// Replace the entry points (repeatable)
    #[arg(long = "entrypoint", value_name = "NAME")]
    pub entrypoints: Vec<String>,
    /// Remove domains, upstreams, entry points and TLS: routing is defined elsewhere
    #[arg(long)]
    pub clear_routing: bool,
    /// Serve over TLS
    #[arg(long, overrides_with = "no_tls")]
    pub tls: bool,
    /// Do not use TLS
    #[arg(long, conflicts_with = "cert_resolver")]
    pub no_tls: bool,
    /// Certificate resolver (implies TLS)
    #[arg(long, value_name = "NAME")]
    pub cert_resolver: Option<String>,
    /// New realm
    #[arg(long, value_name = "TEXT", conflicts_with = "clear_realm")]
    pub realm: Option<String>,
    /// Use the app name as realm again
    #[arg(long)]
    pub clear_realm: bool,
}

/// An application as printed: its record, how it is routed, and its file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppView<'a> {
    #[serde(flatten)]
    app: &'a Application,
    routing: &'static str,
    /// How routers of other providers reference the middleware through the
    /// file provider.
    middleware: String,
    /// The reference through each provider that serves the application:
    /// `@file`, and `@redis` when a Redis sink publishes it.
    middleware_refs: Vec<String>,
    /// What Traefik does with its requests now: `public`, `protected`,
    /// `locked` or `no middleware` (`removed` once removed).
    state: &'static str,
    /// The credentials Traefik accepts.
    active_users: i64,
}

impl<'a> AppView<'a> {
    fn new(session: &Session, app: &'a Application) -> Result<Self> {
        let protection = apps::protection(session, app)?;
        Ok(AppView {
            app,
            routing: if app.has_managed_routing() {
                "managed"
            } else {
                "external"
            },
            middleware: app.middleware_reference(),
            middleware_refs: app.middleware_references(&session.providers()),
            state: protection.state,
            active_users: protection.active_users,
        })
    }
}

/// Says so when a change leaves a host served without authentication.
fn warn_if_public(ctx: &Context, view: &AppView<'_>) {
    if view.state == "public" {
        ctx.printer.warn(&format!(
            "{} is now served publicly: add a credential with `authgate create --app {} --username NAME --generate`",
            view.app.domains.join(", "),
            view.app.app_name
        ));
    }
}

fn non_empty(v: Vec<String>) -> Option<Vec<String>> {
    (!v.is_empty()).then_some(v)
}

pub fn run(cmd: AppCommand, ctx: &Context) -> Result<()> {
    let p = &ctx.printer;
    match cmd {
        AppCommand::Add(args) => {
            let app = apps::prepare(NewApp {
                application_id: args.id,
                app_name: args.app_name,
                name: args.name,
                project: args.project,
                environment: args.environment,
                routing: Routing {
                    domains: args.routing.domains,
                    upstreams: args.routing.upstreams,
                    entrypoints: args.routing.entrypoints,
                    tls: args.routing.tls,
                    cert_resolver: args.routing.cert_resolver,
                },
                realm: args.realm,
            })?;
            let mut session = ctx.session()?;
            let app = apps::add(&mut session, app)?;
            let view = AppView::new(&session, &app)?;
            warn_if_public(ctx, &view);
            p.record(&view, "applicationId")
        }
        AppCommand::List => {
            let session = ctx.session()?;
            let list = apps::list(&session)?;
            let views = list
                .iter()
                .map(|a| AppView::new(&session, a))
                .collect::<Result<Vec<_>>>()?;
            p.list(
                &views,
                &[
                    "appName",
                    "applicationId",
                    "project",
                    "environment",
                    "routing",
                    "domains",
                    "state",
                    "activeUsers",
                ],
                "applicationId",
            )
        }
        AppCommand::Show(args) => {
            let session = ctx.session()?;
            let app = apps::show(&session, &args.app)?;
            p.record(&AppView::new(&session, &app)?, "applicationId")
        }
        AppCommand::Update(args) => {
            let (domains, upstreams, entrypoints, tls, cert_resolver) = if args.clear_routing {
                (
                    Some(vec![]),
                    Some(vec![]),
                    Some(vec![]),
                    Some(false),
                    Some(None),
                )
            } else {
                (
                    non_empty(args.domains),
                    non_empty(args.upstreams),
                    non_empty(args.entrypoints),
                    if args.tls {
                        Some(true)
                    } else if args.no_tls {
                        Some(false)
                    } else {
                        None
                    },
                    args.cert_resolver.map(Some),
                )
            };
            let changes = AppChanges {
                app_name: args.app_name,
                name: args.name,
                domains,
                upstreams,
                entrypoints,
                tls,
                cert_resolver: if args.no_tls {
                    Some(None)
                } else {
                    cert_resolver
                },
                realm: if args.clear_realm {
                    Some(None)
                } else {
                    args.realm.map(Some)
                },
            };
            apps::check_changes(&changes)?;
            let mut session = ctx.session()?;
            let app = apps::update(&mut session, &args.app, changes)?;
            let view = AppView::new(&session, &app)?;
            warn_if_public(ctx, &view);
            p.record(&view, "applicationId")
        }
        AppCommand::Remove(args) => {
            let mut session = ctx.session()?;
            let (app, removed) = apps::remove(&mut session, &args.app)?;
            p.note(&format!(
                "removed application '{}' with {removed} credential(s)",
                app.app_name
            ));
            let mut view = AppView::new(&session, &app)?;
            view.state = "removed";
            p.record(&view, "applicationId")
        }
        AppCommand::Grant(args) => grant(ctx, &args, true),
        AppCommand::Revoke(args) => grant(ctx, &args, false),
    }
}

fn grant(ctx: &Context, args: &GrantArgs, grant: bool) -> Result<()> {
    let mut session = ctx.session()?;
    let changed = apps::set_grant(&mut session, &args.app, &args.user, grant)?;
    let verb = if grant { "granted" } else { "revoked" };
    let msg = match (changed, grant) {
        (true, _) => format!("{verb} '{}' access to '{}'", args.user, args.app),
        (false, true) => format!("'{}' already had access to '{}'", args.user, args.app),
        (false, false) => format!("'{}' had no grant on '{}'", args.user, args.app),
    };
    ctx.printer.note(&msg);
    Ok(())
}
