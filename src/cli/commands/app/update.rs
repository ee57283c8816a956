//! `authgate app update`: changes an application, and prints the new
//! passwords when a switch of fast authentication rotated them.

use clap::Args;
use serde::Serialize;

use super::{AccessArgs, AppView, warn_if_public};
use crate::cli::commands::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
use crate::cli::output::Format;
use authgate::domain::apps::{self, AppChanges};
use authgate::domain::password::Scheme;
use authgate::domain::session::Session;
use authgate::error::Result;

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
    /// Move it to this project of the organization (created when missing; its environment keeps its name unless --environment is given): it then accepts that project's shared credentials instead of the old one's
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
    /// Move it to this environment of its project (or of --project)
    #[arg(long, value_name = "NAME")]
    pub environment: Option<String>,
    /// The guard bans a client after this many failed logins within its window on this application (1 to 1000) [default: the guard-max-failures setting]
    #[arg(long, value_name = "N", conflicts_with = "clear_guard_max_failures")]
    pub guard_max_failures: Option<u32>,
    /// Back to the installation's guard-max-failures
    #[arg(long)]
    pub clear_guard_max_failures: bool,
    /// `authgate guard` does not count or ban on this application (its bans are lifted)
    #[arg(long, conflicts_with = "guard")]
    pub no_guard: bool,
    /// `authgate guard` counts and bans on this application again
    #[arg(long)]
    pub guard: bool,
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(super) fn run(args: UpdateArgs, ctx: &Context) -> Result<()> {
    let reference = args.app.clone();
    let dry_run = args.dry_run;
    let options = apps::UpdateOptions {
        rotate: args.rotate,
        force: args.force,
    };
    let changes = changes(args);
    apps::check_changes(&changes)?;
    let mut session = ctx.session_for(dry_run)?;
    let updated = apps::update(&mut session, &reference, changes, options)?;
    print_updated(ctx, &session, &updated, options.rotate)
}

/// The changes the options ask for.
fn changes(args: UpdateArgs) -> AppChanges {
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
            switch(args.tls, args.no_tls),
            args.cert_resolver.map(Some),
        )
    };
    AppChanges {
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
        fast_auth: switch(args.fast_auth, args.no_fast_auth),
        private: switch(args.private, args.no_private),
        public_paths: replaced(args.access.public_paths, args.clear_public_paths),
        protect_paths: replaced(args.access.protect_paths, args.clear_protect_paths),
        trusted_networks: replaced(args.access.trusted_networks, args.clear_trusted_networks),
        allow_preflight: switch(args.access.allow_preflight, args.no_allow_preflight),
        routers: replaced(args.routers, args.clear_routers),
        project: args.project,
        environment: args.environment,
        guard: switch(args.guard, args.no_guard),
        guard_max_failures: if args.clear_guard_max_failures {
            Some(None)
        } else {
            args.guard_max_failures.map(Some)
        },
    }
}

/// A pair of flags that turn something on or off: on wins, neither leaves
/// it as it is.
fn switch(on: bool, off: bool) -> Option<bool> {
    if on {
        Some(true)
    } else if off {
        Some(false)
    } else {
        None
    }
}

/// A list option of `app update`: replaced when given, emptied when cleared.
fn replaced(values: Vec<String>, clear: bool) -> Option<Vec<String>> {
    if clear {
        Some(Vec::new())
    } else {
        non_empty(values)
    }
}

fn non_empty(v: Vec<String>) -> Option<Vec<String>> {
    (!v.is_empty()).then_some(v)
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
    if updated.emptied {
        crate::cli::commands::delete::say_emptied(ctx, app, &session.providers(), false);
    } else {
        warn_if_public(ctx, &view, false);
    }
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
        Format::Table | Format::Wide => {
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
    if updated.emptied {
        crate::cli::commands::delete::say_emptied(ctx, app, &session.providers(), true);
    } else {
        warn_if_public(ctx, &AppView::new(session, app)?, true);
    }
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
