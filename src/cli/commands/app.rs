use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use crate::cli::output::Format;
use authgate::domain::apps::{self, AppChanges, NewApp, Routing};
use authgate::domain::hashes::Scheme;
use authgate::error::Result;
use authgate::store::applications::Application;

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Register an application
    #[command(
        after_long_help = "Examples:\n  # managed routing: authgate writes the router and service\n  authgate app add --app-name shop --domain shop.example.com --upstream http://10.0.0.5:3000 --entrypoint websecure --cert-resolver letsencrypt\n  # external routing: only the middleware, attach shop-auth@file yourself\n  authgate app add --app-name shop\n  # an API for machine clients: generated secrets only, checked in microseconds\n  authgate app add --app-name api --domain api.example.com --upstream http://10.0.0.6:8080 --fast-auth"
    )]
    Add(AddArgs),
    /// List applications
    List,
    /// Show an application
    Show(AppRef),
    /// Change an application
    #[command(
        after_long_help = "Examples:\n  authgate app update shop --domain shop.example.com --domain www.shop.example.com\n  # machine clients only: new generated secrets for every credential, printed once\n  (umask 077 && authgate app update api --fast-auth --rotate -o json > api-secrets.json)"
    )]
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
    /// Fast authentication, for machine clients: every credential is a secret authgate generates (--generate, at least 22 characters), stored as {SHA}, which Traefik checks in microseconds instead of milliseconds of bcrypt on every request
    #[arg(long)]
    pub fast_auth: bool,
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
    /// Turn fast authentication on: only generated secrets, stored as {SHA} (with credentials, needs --rotate)
    #[arg(long, group = "fast_auth_switch")]
    pub fast_auth: bool,
    /// Turn fast authentication off: passwords of any source, hashed with bcrypt (with credentials, needs --rotate)
    #[arg(long, group = "fast_auth_switch")]
    pub no_fast_auth: bool,
    /// With --fast-auth or --no-fast-auth: give every credential a new generated password, hashed for the new scheme (bcrypt at the registry's cost), in the same change; each is printed once (with -q: its securityId, a tab, the password)
    #[arg(long, requires = "fast_auth_switch")]
    pub rotate: bool,
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
}

impl<'a> AppView<'a> {
    fn new(app: &'a Application, providers: &[&str]) -> Self {
        AppView {
            app,
            routing: if app.has_managed_routing() {
                "managed"
            } else {
                "external"
            },
            middleware: app.middleware_reference(),
            middleware_refs: app.middleware_references(providers),
        }
    }
}

/// A credential given a new password by a switch, shown once.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RotatedView<'a> {
    security_id: &'a str,
    username: &'a str,
    hash_scheme: &'static str,
    password: &'a str,
}

/// An updated application, and the new passwords of a switch: one JSON or
/// YAML document (`rotated` beside the application's fields), or the
/// application's table and then a table of the new passwords.
fn print_updated(
    ctx: &Context,
    updated: &apps::Updated,
    providers: &[&str],
    rotate: bool,
) -> Result<()> {
    let p = &ctx.printer;
    let rotated: Vec<RotatedView> = updated
        .rotated
        .iter()
        .map(|r| RotatedView {
            security_id: &r.credential.security_id,
            username: &r.credential.username,
            hash_scheme: Scheme::of(&r.credential.password_hash).map_or("unknown", Scheme::as_str),
            password: &r.password,
        })
        .collect();
    let app = &updated.app;
    let state = if app.fast_auth { "on" } else { "off" };
    if updated.switched && rotated.is_empty() {
        p.note(&format!(
            "fast authentication is {state} for '{}'",
            app.app_name
        ));
    } else if updated.switched {
        p.note(&format!(
            "fast authentication is {state} for '{}': {} credential(s) got a new generated password, shown once; their clients must use it from now on",
            app.app_name,
            rotated.len()
        ));
    } else if rotate {
        p.note(&format!(
            "fast authentication was already {state} for '{}': nothing rotated",
            app.app_name
        ));
    }
    let view = AppView::new(app, providers);
    if p.quiet && !rotated.is_empty() {
        // The passwords are shown once: -q keeps them, one per line.
        let lines: String = rotated
            .iter()
            .map(|r| format!("{}\t{}\n", r.security_id, r.password))
            .collect();
        return p.text(&lines);
    }
    match p.format {
        Format::Table => {
            p.record(&view, "applicationId")?;
            if !rotated.is_empty() {
                p.list(
                    &rotated,
                    &["username", "securityId", "hashScheme", "password"],
                    "securityId",
                )?;
            }
            Ok(())
        }
        _ if updated.switched => {
            #[derive(Serialize)]
            struct WithRotated<'a> {
                #[serde(flatten)]
                app: AppView<'a>,
                rotated: &'a [RotatedView<'a>],
            }
            p.record(
                &WithRotated {
                    app: view,
                    rotated: &rotated,
                },
                "applicationId",
            )
        }
        _ => p.record(&view, "applicationId"),
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
                fast_auth: args.fast_auth,
            })?;
            let mut session = ctx.session()?;
            let app = apps::add(&mut session, app)?;
            let providers = session.providers();
            p.record(&AppView::new(&app, &providers), "applicationId")
        }
        AppCommand::List => {
            let session = ctx.session()?;
            let list = apps::list(&session)?;
            let providers = session.providers();
            let views: Vec<_> = list.iter().map(|a| AppView::new(a, &providers)).collect();
            p.list(
                &views,
                &[
                    "appName",
                    "applicationId",
                    "project",
                    "environment",
                    "routing",
                    "fastAuth",
                    "domains",
                ],
                "applicationId",
            )
        }
        AppCommand::Show(args) => {
            let session = ctx.session()?;
            let app = apps::show(&session, &args.app)?;
            let providers = session.providers();
            p.record(&AppView::new(&app, &providers), "applicationId")
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
                fast_auth: match (args.fast_auth, args.no_fast_auth) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
            };
            apps::check_changes(&changes)?;
            let mut session = ctx.session()?;
            let updated = apps::update(&mut session, &args.app, changes, args.rotate)?;
            let providers = session.providers();
            print_updated(ctx, &updated, &providers, args.rotate)
        }
        AppCommand::Remove(args) => {
            let mut session = ctx.session()?;
            let (app, removed) = apps::remove(&mut session, &args.app)?;
            p.note(&format!(
                "removed application '{}' with {removed} credential(s)",
                app.app_name
            ));
            let providers = session.providers();
            p.record(&AppView::new(&app, &providers), "applicationId")
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
