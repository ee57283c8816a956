use clap::{Args, Subcommand};
use serde::Serialize;

use std::io::IsTerminal;

use super::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use crate::cli::output::Format;
use authgate::domain::apps::{self, AppChanges, NewApp, Routing};
use authgate::domain::apps::{AccessRules, Application};
use authgate::domain::names;
use authgate::domain::password::Scheme;
use authgate::domain::session::Session;
use authgate::domain::validate;
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum AppCommand {
    /// Register an application
    #[command(
        after_long_help = "Examples:\n  # managed routing: authgate writes the router and service; --private keeps it closed (401) until its first credential\n  authgate app add --app-name shop --domain shop.example.com --upstream http://10.0.0.5:3000 --entrypoint websecure --cert-resolver letsencrypt --private\n  # the same, with /health and /static/ open to everyone\n  authgate app add --app-name shop --domain shop.example.com --upstream http://10.0.0.5:3000 --public-path /health --public-path /static/\n  # external routing: only the middleware, attach shop-auth@file yourself; --host claims the host your router serves\n  authgate app add --app-name shop --host shop.example.com\n  # an API for machine clients: generated secrets only, checked in microseconds\n  authgate app add --app-name api --domain api.example.com --upstream http://10.0.0.6:8080 --fast-auth\n\nAccess rules (managed routing only) take effect while the application has credentials: each becomes a router beside the main one, with a higher priority. A request that offers Basic credentials is always checked, and a path an upstream may read otherwise than Traefik (//, . or .. segments, %-encodings) always needs credentials. ClientIP matches the address of the connection Traefik receives, never X-Forwarded-For: behind a load balancer, trusting its network trusts everyone behind it."
    )]
    Add(AddArgs),
    /// List applications
    List,
    /// Show an application
    Show(AppRef),
    /// Change an application
    #[command(
        after_long_help = "Examples:\n  # only /admin needs a password, the rest of the site is public\n  authgate app update shop --protect-path /admin\n  # the office network and CORS preflights skip authentication\n  authgate app update shop --trusted-network 203.0.113.0/24 --allow-preflight\n  # back to protecting everything\n  authgate app update shop --clear-protect-paths --clear-trusted-networks --no-allow-preflight\n  # machine clients only: new generated secrets for every credential, printed once\n  (umask 077 && authgate app update api --fast-auth --rotate -o json > api-secrets.json)\n\nA repeatable option replaces the whole list: give every value that should remain."
    )]
    Update(UpdateArgs),
    /// Remove an application with its credentials and its Traefik file
    #[command(
        after_long_help = "On a terminal it asks first, naming how many credentials go with it; without one (scripts, cron) it does not ask.\n\nExample:\n  authgate app remove shop --yes"
    )]
    Remove(RemoveArgs),
    /// Free an app name given up by another organization before its reservation ends (installation owners only)
    #[command(
        after_long_help = "A name given up by `app remove` or a rename stays reserved to its organization for name-reservation-days (30 unless set): routers outside authgate may still reference its middleware NAME-auth, and another organization taking the name would let its own users through them. Release it once no router references it any more.\n\nExample:\n  authgate app release-name intra"
    )]
    ReleaseName(ReleaseNameArgs),
    /// Allow a member or viewer to use an application
    Grant(GrantArgs),
    /// Withdraw a member's or viewer's access to an application
    Revoke(GrantArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AppRef {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
}

#[derive(Debug, Args)]
pub(crate) struct ReleaseNameArgs {
    /// The app name to free
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
    /// Do not ask for confirmation on a terminal
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Remove it even while routers authgate did not write reference its middleware (audited)
    #[arg(long)]
    pub force: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub(crate) struct GrantArgs {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
    /// The member's user name
    #[arg(long, value_name = "NAME")]
    pub user: String,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

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

/// Access rules: which requests skip authentication, or alone need it.
#[derive(Debug, Args)]
pub(crate) struct AccessArgs {
    /// Requests for this path and below skip authentication (repeatable; /static matches /static and /static/..., not /staticfiles)
    #[arg(
        long = "public-path",
        value_name = "PREFIX",
        conflicts_with = "protect_paths"
    )]
    pub public_paths: Vec<String>,
    /// Only requests whose path starts with this prefix need authentication, the rest of the site is public (repeatable; compared case-insensitively, so /admin also covers /Admin and /administrator)
    #[arg(long = "protect-path", value_name = "PREFIX")]
    pub protect_paths: Vec<String>,
    /// Clients connecting from this network (CIDR or single address, IPv4 or IPv6) skip authentication (repeatable; the address Traefik's connection comes from, never X-Forwarded-For)
    #[arg(long = "trusted-network", value_name = "CIDR")]
    pub trusted_networks: Vec<String>,
    /// OPTIONS requests (CORS preflights) skip authentication
    #[arg(long)]
    pub allow_preflight: bool,
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

#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
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
    /// External routing: replace the hosts that the router you write elsewhere serves (repeatable)
    #[arg(long = "host", value_name = "HOST", conflicts_with = "clear_hosts")]
    pub hosts: Vec<String>,
    /// Give up every declared host
    #[arg(long)]
    pub clear_hosts: bool,
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
    /// Make it private: without credentials Traefik answers 401 to everyone instead of serving it publicly
    #[arg(long, overrides_with = "no_private")]
    pub private: bool,
    /// Not private: without credentials it is served publicly (managed routing) or has no middleware
    #[arg(long, overrides_with = "private")]
    pub no_private: bool,
    #[command(flatten)]
    pub access: AccessArgs,
    /// Remove every public path
    #[arg(long, conflicts_with = "public_paths")]
    pub clear_public_paths: bool,
    /// Remove every protected path: the whole site needs authentication again
    #[arg(long, conflicts_with = "protect_paths")]
    pub clear_protect_paths: bool,
    /// Remove every trusted network
    #[arg(long, conflicts_with = "trusted_networks")]
    pub clear_trusted_networks: bool,
    /// OPTIONS requests need authentication again
    #[arg(long, conflicts_with = "allow_preflight")]
    pub no_allow_preflight: bool,
    /// Replace the routers defined elsewhere that serve the application (repeatable, NAME@PROVIDER)
    #[arg(long = "router", value_name = "NAME@PROVIDER")]
    pub routers: Vec<String>,
    /// Remove every declared router
    #[arg(long, conflicts_with = "routers")]
    pub clear_routers: bool,
    /// With --app-name: rename it even while routers authgate did not write reference its middleware (audited)
    #[arg(long, requires = "app_name")]
    pub force: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

/// A list option of `app update`: replaced when given, emptied when cleared.
fn replaced(values: Vec<String>, clear: bool) -> Option<Vec<String>> {
    if clear {
        Some(Vec::new())
    } else {
        non_empty(values)
    }
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
    /// `@file`, and `@<kind>` for each key-value sink that publishes it
    /// (`@redis`).
    middleware_refs: Vec<String>,
    /// The routers defined elsewhere that it declares (`app show`).
    #[serde(skip_serializing_if = "Option::is_none")]
    declared_routers: Option<Vec<String>>,
    /// What Traefik does with its requests now: `public`, `protected`,
    /// `locked` (401 to everyone: every credential expired, or private
    /// without credentials) or `no middleware` (`removed` once removed).
    state: &'static str,
    /// The credentials Traefik accepts.
    active_users: i64,
}

impl<'a> AppView<'a> {
    fn new(session: &Session, app: &'a Application) -> Result<Self> {
        let protection = apps::protection(session, app)?;
        let mut view = AppView::with(app, protection, &session.providers());
        view.declared_routers = Some(apps::declared_routers(session, app)?);
        Ok(view)
    }

    fn with(app: &'a Application, protection: apps::Protection, providers: &[&str]) -> Self {
        AppView {
            app,
            routing: if app.has_managed_routing() {
                "managed"
            } else {
                "external"
            },
            middleware: app.middleware_reference(),
            middleware_refs: app.middleware_references(providers),
            declared_routers: None,
            state: protection.state,
            active_users: protection.active_users,
        }
    }
}

/// Says so when a change leaves (in a dry run: would leave) a host served
/// without authentication.
fn warn_if_public(ctx: &Context, view: &AppView<'_>, dry_run: bool) {
    if view.state == "public" {
        ctx.printer.warn(&format!(
            "{} {} served publicly: add a credential with `authgate create --app {} --username NAME --generate`, or keep it closed until then with --private",
            view.app.domains.join(", "),
            if dry_run { "would be" } else { "is now" },
            view.app.app_name
        ));
    }
}

/// Says so when `--no-private` removed the middleware of an application
/// whose router is defined elsewhere.
fn warn_if_no_middleware(ctx: &Context, view: &AppView<'_>) {
    if view.state == "no middleware" {
        ctx.printer.warn(&format!(
            "{} has no credentials and is no longer private, so the middleware {} was removed: routers that still reference it will answer 404 until the reference is removed",
            view.app.app_name,
            view.middleware_refs.join(" and ")
        ));
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
    session: &Session,
    updated: &apps::Updated,
    rotate: bool,
) -> Result<()> {
    let p = &ctx.printer;
    let rotated: Vec<RotatedView> = updated
        .rotated
        .iter()
        .map(|r| RotatedView {
            security_id: &r.credential.security_id,
            username: &r.credential.username,
            hash_scheme: Scheme::name_of(&r.credential.password_hash),
            password: &r.password,
        })
        .collect();
    let app = &updated.app;
    let state = if app.fast_auth { "on" } else { "off" };
    if session.dry_run {
        return print_updated_dry_run(ctx, session, updated, &rotated);
    }
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
    let view = AppView::new(session, app)?;
    warn_if_public(ctx, &view, false);
    if updated.no_longer_private {
        warn_if_no_middleware(ctx, &view);
    }
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

/// A dry run of `app update`: the changes, and which credentials a switch
/// would give new generated passwords (never the passwords: none was set).
fn print_updated_dry_run(
    ctx: &Context,
    session: &Session,
    updated: &apps::Updated,
    rotated: &[RotatedView<'_>],
) -> Result<()> {
    let app = &updated.app;
    warn_if_public(ctx, &AppView::new(session, app)?, true);
    let mut note = format!("would change application '{}'", app.app_name);
    if updated.switched {
        note.push_str(&format!(
            ", turning fast authentication {}",
            if app.fast_auth { "on" } else { "off" }
        ));
    }
    if !rotated.is_empty() {
        note.push_str(&format!(
            "; {} credential(s) would get a newly generated password (shown once by the real run; none is set or shown now)",
            rotated.len()
        ));
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct WouldRotate<'a> {
        security_id: &'a str,
        username: &'a str,
        hash_scheme: &'static str,
    }
    #[derive(Serialize)]
    struct Would<'a> {
        rotated: Vec<WouldRotate<'a>>,
    }
    let would = Would {
        rotated: rotated
            .iter()
            .map(|r| WouldRotate {
                security_id: r.security_id,
                username: r.username,
                hash_scheme: r.hash_scheme,
            })
            .collect(),
    };
    dry_run::print(ctx, session, Some(&would), &note)
}

fn non_empty(v: Vec<String>) -> Option<Vec<String>> {
    (!v.is_empty()).then_some(v)
}

pub(crate) fn run(cmd: AppCommand, ctx: &Context) -> Result<()> {
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
            p.record(&view, "applicationId")
        }
        AppCommand::List => {
            let session = ctx.session()?;
            let list = apps::list_with_protection(&session)?;
            let providers = session.providers();
            let views: Vec<AppView<'_>> = list
                .iter()
                .map(|(app, protection)| AppView::with(app, *protection, &providers))
                .collect();
            p.list(
                &views,
                &[
                    "appName",
                    "applicationId",
                    "project",
                    "environment",
                    "routing",
                    "fastAuth",
                    "private",
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
                hosts: replaced(args.hosts, args.clear_hosts),
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
                private: match (args.private, args.no_private) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                public_paths: replaced(args.access.public_paths, args.clear_public_paths),
                protect_paths: replaced(args.access.protect_paths, args.clear_protect_paths),
                trusted_networks: replaced(
                    args.access.trusted_networks,
                    args.clear_trusted_networks,
                ),
                allow_preflight: if args.access.allow_preflight {
                    Some(true)
                } else if args.no_allow_preflight {
                    Some(false)
                } else {
                    None
                },
                routers: replaced(args.routers, args.clear_routers),
            };
            apps::check_changes(&changes)?;
            let mut session = ctx.session_for(args.dry_run)?;
            let updated = apps::update(
                &mut session,
                &args.app,
                changes,
                apps::UpdateOptions {
                    rotate: args.rotate,
                    force: args.force,
                },
            )?;
            print_updated(ctx, &session, &updated, args.rotate)
        }
        AppCommand::Remove(args) => {
            let mut session = ctx.session_for(args.dry_run)?;
            // A dry run removes nothing: nothing to confirm.
            if !args.yes
                && !args.dry_run
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal()
            {
                let app = apps::show(&session, &args.app)?;
                let credentials = apps::credential_count(&session, &app)?;
                eprint!(
                    "remove application '{}' ({}) and its {credentials} credential(s)? [y/N] ",
                    app.app_name,
                    app.domains.join(", ")
                );
                let mut answer = String::new();
                std::io::stdin().read_line(&mut answer).map_err(|e| {
                    authgate::Error::bad_request(format!(
                        "cannot read the confirmation from stdin: {e}"
                    ))
                })?;
                if !matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
                    return Err(authgate::Error::bad_request(format!(
                        "not confirmed: application '{}' was not removed",
                        app.app_name
                    )));
                }
            }
            let (app, removed) = apps::remove(&mut session, &args.app, args.force)?;
            if session.dry_run {
                let note = format!(
                    "would remove application '{}' with {removed} credential(s)",
                    app.app_name
                );
                return dry_run::print(ctx, &session, None::<&()>, &note);
            }
            p.note(&format!(
                "removed application '{}' with {removed} credential(s)",
                app.app_name
            ));
            let view = AppView::with(&app, apps::Protection::REMOVED, &session.providers());
            p.record(&view, "applicationId")
        }
        AppCommand::ReleaseName(args) => {
            validate::app_name(&args.name)?;
            let mut session = ctx.session_for(args.dry_run)?;
            names::release(&mut session, &args.name)?;
            let note = format!(
                "app name '{}' released: any organization may take it now",
                args.name
            );
            if session.dry_run {
                return dry_run::print(
                    ctx,
                    &session,
                    None::<&()>,
                    &format!("would release app name '{}'", args.name),
                );
            }
            p.note(&note);
            Ok(())
        }
        AppCommand::Grant(args) => grant(ctx, &args, true),
        AppCommand::Revoke(args) => grant(ctx, &args, false),
    }
}

fn grant(ctx: &Context, args: &GrantArgs, grant: bool) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let changed = apps::set_grant(&mut session, &args.app, &args.user, grant)?;
    let verb = match (grant, session.dry_run) {
        (true, false) => "granted",
        (false, false) => "revoked",
        (true, true) => "would grant",
        (false, true) => "would revoke",
    };
    let msg = match (changed, grant) {
        (true, _) => format!("{verb} '{}' access to '{}'", args.user, args.app),
        (false, true) => format!("'{}' already had access to '{}'", args.user, args.app),
        (false, false) => format!("'{}' had no grant on '{}'", args.user, args.app),
    };
    if session.dry_run {
        return dry_run::print(ctx, &session, None::<&()>, &msg);
    }
    ctx.printer.note(&msg);
    Ok(())
}
