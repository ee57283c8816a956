//! `authgate app`: registering applications (`add`), reading them (`list`,
//! `show`), changing them (`update`), removing them (`remove`), freeing a
//! reserved app name (`release-name`) and granting members access
//! (`grant`, `revoke`).

mod add;
mod grant;
mod list;
mod release_name;
mod remove;
mod show;
mod update;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use authgate::domain::apps::{self, Application};
use authgate::domain::session::Session;
use authgate::error::Result;

pub(crate) use add::AddArgs;
pub(crate) use grant::GrantArgs;
pub(crate) use release_name::ReleaseNameArgs;
pub(crate) use remove::RemoveArgs;
pub(crate) use update::UpdateArgs;

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

pub(crate) fn run(cmd: AppCommand, ctx: &Context) -> Result<()> {
    match cmd {
        AppCommand::Add(args) => add::run(args, ctx),
        AppCommand::List => list::run(ctx),
        AppCommand::Show(args) => show::run(args, ctx),
        AppCommand::Update(args) => update::run(args, ctx),
        AppCommand::Remove(args) => remove::run(args, ctx),
        AppCommand::ReleaseName(args) => release_name::run(args, ctx),
        AppCommand::Grant(args) => grant::run(&args, true, ctx),
        AppCommand::Revoke(args) => grant::run(&args, false, ctx),
    }
}

#[derive(Debug, Args)]
pub(crate) struct AppRef {
    /// Application id or app name
    #[arg(value_name = "APP")]
    pub app: String,
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

/// An application as printed: its record, how it is routed, and its file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppView<'a> {
    #[serde(flatten)]
    app: &'a Application,
    routing: &'static str,
    /// How routers of other providers reference the middleware through the
    /// file provider; `None` while it has none (no credentials).
    middleware: Option<String>,
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
        let has_middleware = matches!(protection.state, "protected" | "locked");
        AppView {
            app,
            routing: if app.has_managed_routing() {
                "managed"
            } else {
                "external"
            },
            // A reference to a middleware that does not exist is refused by
            // Traefik: name it only while it exists.
            middleware: has_middleware.then(|| app.middleware_reference()),
            middleware_refs: if has_middleware {
                app.middleware_references(providers)
            } else {
                Vec::new()
            },
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
