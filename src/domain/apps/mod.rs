//! Application operations: register, change and remove applications, and
//! grant members access to them. Each change re-publishes the application's
//! Traefik file inside the same transaction.
//!
//! One module per operation: `add` (with `prepare`, before the registry is
//! opened), `update`, `remove`, `grant`, and `protection` (what Traefik
//! does with an application's requests now); the rules every application
//! passes and the host claims they share are here.

mod add;
mod grant;
mod protection;
mod remove;
mod update;

use crate::auth::{Access, Actor};

use crate::domain::foreign;
use crate::domain::names;
use crate::domain::session::{Mutation, Session};
use crate::domain::validate;
use crate::error::{Error, Remedy, Result};
use crate::sinks::Foreign;
use crate::store::applications;
use crate::store::audit::Event;
use crate::store::credentials;

pub use crate::store::applications::{AccessRules, Application};
pub use add::{NewApp, Routing, add, prepare};
pub use grant::set_grant;
pub use protection::{Protection, list_with_protection, protection};
pub use remove::remove;
pub use update::{AppChanges, Rotated, UpdateOptions, Updated, check_changes, update};

fn display_name(name: &str) -> Result<()> {
    if name.is_empty() || name.chars().count() > 128 || name.chars().any(char::is_control) {
        return Err(Error::bad_request(format!(
            "invalid display name '{}': use 1-128 printable characters",
            validate::printable(name)
        )));
    }
    if let Some(c) = validate::invisible(name) {
        return Err(Error::bad_request(format!(
            "invalid display name '{}': it contains {}, an invisible or formatting character (it makes a name look like another)",
            validate::printable(name),
            validate::code_point(c)
        )));
    }
    Ok(())
}

/// Validates everything about an application that ends up in Traefik's
/// configuration, and normalises upstream URLs.
fn check(app: &mut Application) -> Result<()> {
    validate::app_name(&app.app_name)?;
    display_name(&app.name)?;
    for d in &mut app.domains {
        *d = validate::domain(d)?;
    }
    dedup(&mut app.domains);
    for h in &mut app.hosts {
        *h = validate::domain(h)?;
    }
    dedup(&mut app.hosts);
    if !app.hosts.is_empty() && !app.domains.is_empty() {
        return Err(Error::bad_request(format!(
            "application '{}' has domains, so authgate writes its router and claims those: --host declares the hosts of a router written elsewhere (external routing), for an application without domains",
            app.app_name
        )));
    }
    for u in &mut app.upstreams {
        *u = validate::upstream(u)?;
    }
    for e in &app.entrypoints {
        validate::traefik_name("entrypoint", e)?;
    }
    if let Some(r) = &app.cert_resolver {
        validate::traefik_name("certificate resolver", r)?;
    }
    if let Some(r) = &app.realm {
        validate::realm(r)?;
    }
    check_access(&mut app.access)?;
    match (app.domains.is_empty(), app.upstreams.is_empty()) {
        (false, true) => Err(Error::bad_request(format!(
            "application '{}' has domains but no upstream: managed routing needs both, and routing defined elsewhere neither",
            app.app_name
        ))
        .remedy(Remedy::DomainsWithUpstreams)),
        (true, false) => Err(Error::bad_request(format!(
            "application '{}' has upstreams but no domain: managed routing needs both, and routing defined elsewhere neither",
            app.app_name
        ))
        .remedy(Remedy::DomainsWithUpstreams)),
        (true, true) if app.tls || app.cert_resolver.is_some() || !app.entrypoints.is_empty() => {
            Err(Error::bad_request(format!(
                "application '{}' has no domains, so its router is defined elsewhere: TLS, certificate resolvers and entry points do not apply",
                app.app_name
            ))
            .remedy(Remedy::RoutingNeedsDomains))
        }
        (true, true) if !app.access.is_empty() => Err(Error::bad_request(format!(
            "application '{}' has no domains, so its router is defined elsewhere: access rules (public and protected paths, trusted networks, preflight requests) are routers beside authgate's own router, and apply only to managed routing; add them to the router you define instead",
            app.app_name
        ))
        .remedy(Remedy::AccessRulesNeedRouting)),
        _ => Ok(()),
    }
}

/// Validates and normalizes access rules on their own (the rule that they
/// need managed routing is [`check`]'s): path prefixes, networks in
/// normalized form, no duplicates, at most `MAX_ACCESS_RULES` of each, and
/// never public and protected paths at once.
fn check_access(access: &mut AccessRules) -> Result<()> {
    for p in &access.public_paths {
        validate::path_prefix(p, true)?;
    }
    for p in &access.protect_paths {
        validate::path_prefix(p, false)?;
    }
    for n in &mut access.trusted_networks {
        *n = validate::network(n)?;
    }
    for (what, list) in [
        ("public paths", &mut access.public_paths),
        ("protected paths", &mut access.protect_paths),
        ("trusted networks", &mut access.trusted_networks),
    ] {
        dedup(list);
        if list.len() > validate::MAX_ACCESS_RULES {
            return Err(Error::bad_request(format!(
                "too many {what}: {} given, at most {} (Traefik evaluates each on every request)",
                list.len(),
                validate::MAX_ACCESS_RULES
            )));
        }
    }
    if !access.public_paths.is_empty() && !access.protect_paths.is_empty() {
        return Err(Error::bad_request(
            "public paths and protected paths exclude each other: public paths open parts of a protected site, protected paths protect parts of a public one",
        )
        .remedy(Remedy::OnePathRule));
    }
    Ok(())
}

/// Warnings about an application's trusted networks that overlap a range
/// where proxies and load balancers usually sit.
fn trusted_network_warnings(app: &Application) -> Vec<String> {
    app.access
        .trusted_networks
        .iter()
        .filter_map(|n| {
            validate::non_public_range(n).map(|what| {
                format!(
                    "'{}' trusts {n}, which overlaps {what}: Traefik matches the address of the connection it receives, so when a load balancer, proxy or container network in that range forwards the requests, every client behind it skips authentication",
                    app.app_name
                )
            })
        })
        .collect()
}

fn dedup(list: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    list.retain(|x| seen.insert(x.clone()));
}

/// Refuses a host that another application routes, in any organization:
/// one Traefik reads every organization's files, and two routers with one
/// rule let whichever Traefik prefers serve the host, credentials or not.
/// The message is the same wherever the holder is; it names the holder only
/// when the caller can see it anyway.
fn claim_domains(conn: &rusqlite::Connection, actor: &Actor, app: &Application) -> Result<()> {
    for domain in app.domains.iter().chain(&app.hosts) {
        if let Some(holder) = applications::domain_holder(conn, domain, &app.application_id)? {
            let mut message = host_taken(domain);
            if let Ok(visible) = actor.authorize_app(conn, &holder, Access::Read) {
                message.push_str(&format!(
                    "; it is '{}', in your organization",
                    visible.app_name
                ));
            }
            return Err(Error::host_taken(message));
        }
    }
    Ok(())
}

/// The refusal of a taken host, the same whoever holds it: an
/// application of any organization, or a router authgate did not write.
fn host_taken(host: &str) -> String {
    format!(
        "host '{host}' is already routed: one Traefik serves every organization, so a host can have one owner only"
    )
}

/// Refuses to claim a host that a router authgate did not write routes
/// (`foreign::standing`: in the watched directory or under a key-value
/// root), for the hosts `is_new` picks: one that was already the
/// application's keeps it, and `check` reports the router. Only an
/// installation owner, who may read those files and keys anyway, is told
/// which router it is.
fn claim_from_foreign_routers(
    m: &Mutation<'_>,
    app: &Application,
    read: Option<&[Foreign]>,
    is_new: impl Fn(&String) -> bool,
) -> Result<()> {
    let new: Vec<&String> = app
        .domains
        .iter()
        .chain(&app.hosts)
        .filter(|h| is_new(h))
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    let sinks: Vec<&dyn crate::sinks::Sink> = m.sinks().iter().map(|s| s.as_ref()).collect();
    let providers: Vec<&str> = sinks.iter().map(|s| s.provider()).collect();
    let read_now;
    let foreign = match read {
        Some(read) => read,
        None => {
            read_now = foreign::definitions(m.conn(), &sinks)?;
            &read_now
        }
    };
    for host in new {
        let holder = applications::ClaimedHost {
            host: host.clone(),
            app_name: app.app_name.clone(),
            managed: app.has_managed_routing(),
            entrypoints: app.entrypoints.clone(),
        };
        if let Some((router, origin)) = foreign::blocking_router(foreign, &holder, &providers) {
            let mut message = host_taken(host);
            if m.actor
                .require_installation_owner(m.conn(), "see routers")
                .is_ok()
            {
                message.push_str(&format!(
                    "; router '{router}' in {} routes it, and authgate did not write it",
                    origin.display()
                ));
            }
            return Err(Error::host_taken(message));
        }
    }
    Ok(())
}

/// Whether the actor owns the installation, who may learn where a file or
/// key authgate did not write is.
fn is_installation_owner(m: &Mutation<'_>) -> bool {
    m.actor.require_installation_owner(m.conn(), "").is_ok()
}

/// What every sink of the session holds that authgate did not write.
fn read_foreign(session: &Session) -> Result<Vec<Foreign>> {
    let sinks: Vec<&dyn crate::sinks::Sink> = session.sinks.iter().map(|s| s.as_ref()).collect();
    foreign::definitions(session.conn(), &sinks)
}

pub fn show(session: &Session, reference: &str) -> Result<Application> {
    session.read(
        Event::new("app.show").target("application", reference),
        |conn, actor| actor.authorize_app(conn, reference, Access::Read),
    )
}

pub fn list(session: &Session) -> Result<Vec<Application>> {
    applications::list(
        session.conn(),
        &session.actor.org_id,
        session.actor.grant_filter(),
    )
}

/// The routers defined elsewhere that an application declares.
pub fn declared_routers(session: &Session, app: &Application) -> Result<Vec<String>> {
    names::declared_routers(session.conn(), &app.application_id)
}

/// How many credentials an application has (all of them, expired too): what
/// removing it removes.
pub fn credential_count(session: &Session, app: &Application) -> Result<i64> {
    credentials::count_of_app(session.conn(), &app.application_id)
}

/// What an application that no longer accepts any credential does, said
/// once the change that left it so is made (or, in a dry run, would be).
pub struct Emptied {
    /// A risk (public, or routers answering 404), rather than a note.
    pub warning: bool,
    pub message: String,
}

impl Emptied {
    /// For `app`, whose middleware the sinks of `providers` serve.
    pub fn of(app: &Application, providers: &[&str], dry_run: bool) -> Emptied {
        let (is, has, was) = if dry_run {
            ("would be", "would have", "would be")
        } else {
            ("is now", "has", "was")
        };
        if app.private {
            Emptied {
                warning: false,
                message: format!(
                    "{} {has} no credentials left and is private, so it {is} closed: Traefik answers 401 to everyone until a credential is added",
                    app.app_name
                ),
            }
        } else if app.has_managed_routing() {
            Emptied {
                warning: true,
                message: format!(
                    "{} {is} publicly accessible: it {has} no credentials left, so its basicAuth middleware {was} removed",
                    app.app_name
                ),
            }
        } else {
            Emptied {
                warning: true,
                message: format!(
                    "{} {has} no credentials left, so the middleware {} {was} removed: routers that still reference it will answer 404 until the reference is removed",
                    app.app_name,
                    app.middleware_references(providers).join(" and ")
                ),
            }
        }
    }
}
