//! Application operations: register, change and remove applications, and
//! grant members access to them. Each change re-publishes the application's
//! Traefik file inside the same transaction.

use std::collections::HashMap;

use crate::auth::{Access, Actor};

use crate::domain::foreign;
use crate::domain::foreign_definitions;
use crate::domain::names;
use crate::domain::password::{self, Hashing, NewHash, Secret};
use crate::domain::session::{Mutation, Publishes, Session};
use crate::domain::upstreams;
use crate::domain::validate;
use crate::error::{Error, Remedy, Result};
use crate::sinks::Foreign;
use crate::store::applications;

pub use crate::store::applications::{AccessRules, Application};
use crate::store::audit::Event;
use crate::store::credentials::Credential;
use crate::store::{credentials, new_id, now, tenancy};

/// Routing settings, as given to `app add` / `app update`.
#[derive(Debug, Clone, Default)]
pub struct Routing {
    pub domains: Vec<String>,
    /// Hosts of an application with external routing: claimed, written
    /// nowhere.
    pub hosts: Vec<String>,
    pub upstreams: Vec<String>,
    pub entrypoints: Vec<String>,
    pub tls: bool,
    pub cert_resolver: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct NewApp {
    pub application_id: Option<String>,
    pub app_name: String,
    pub name: Option<String>,
    pub project: String,
    pub environment: String,
    pub routing: Routing,
    pub realm: Option<String>,
    pub access: AccessRules,
    /// Fast authentication: only generated secrets, stored as `{SHA}`.
    pub fast_auth: bool,
    /// Closed (401 to everyone) until its first credential, and again once
    /// its last one is deleted, instead of public.
    pub private: bool,
}

/// Changes to an application; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AppChanges {
    pub app_name: Option<String>,
    pub name: Option<String>,
    pub domains: Option<Vec<String>>,
    /// Replaces the declared hosts of external routing (empty: clears them).
    pub hosts: Option<Vec<String>>,
    pub upstreams: Option<Vec<String>>,
    pub entrypoints: Option<Vec<String>>,
    pub tls: Option<bool>,
    pub cert_resolver: Option<Option<String>>,
    pub realm: Option<Option<String>>,
    /// Replaces the public paths (empty: clears them).
    pub public_paths: Option<Vec<String>>,
    /// Replaces the protected paths (empty: clears them).
    pub protect_paths: Option<Vec<String>>,
    /// Replaces the trusted networks (empty: clears them).
    pub trusted_networks: Option<Vec<String>>,
    pub allow_preflight: Option<bool>,
    /// Turns fast authentication on or off. For an application that holds
    /// credentials, only together with a rotation (see [`update`]).
    pub fast_auth: Option<bool>,
    /// Makes the application private (closed without credentials) or not.
    pub private: Option<bool>,
    /// Replaces the routers outside authgate it declares (empty: clears
    /// them).
    pub routers: Option<Vec<String>>,
}

impl AppChanges {
    pub fn is_empty(&self) -> bool {
        self.public_paths.is_none()
            && self.protect_paths.is_none()
            && self.trusted_networks.is_none()
            && self.allow_preflight.is_none()
            && self.app_name.is_none()
            && self.name.is_none()
            && self.domains.is_none()
            && self.hosts.is_none()
            && self.upstreams.is_none()
            && self.entrypoints.is_none()
            && self.tls.is_none()
            && self.cert_resolver.is_none()
            && self.realm.is_none()
            && self.fast_auth.is_none()
            && self.private.is_none()
            && self.routers.is_none()
    }
}

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

/// Validates a new application and builds its record, before the registry
/// is opened; `add` then files it in the caller's organization.
pub fn prepare(new: NewApp) -> Result<Application> {
    let application_id = match new.application_id {
        Some(id) => {
            validate::identifier("application id", &id)?;
            id
        }
        None => format!("app-{}", new_id()),
    };
    validate::identifier("project", &new.project)?;
    validate::identifier("environment", &new.environment)?;
    let at = now();
    let mut app = Application {
        application_id,
        name: new.name.unwrap_or_else(|| new.app_name.clone()),
        app_name: new.app_name,
        org_id: String::new(),
        project: new.project,
        environment: new.environment,
        environment_id: String::new(),
        domains: new.routing.domains,
        hosts: new.routing.hosts,
        upstreams: new.routing.upstreams,
        entrypoints: new.routing.entrypoints,
        tls: new.routing.tls || new.routing.cert_resolver.is_some(),
        cert_resolver: new.routing.cert_resolver,
        realm: new.realm,
        access: new.access,
        fast_auth: new.fast_auth,
        private: new.private,
        created_at: at.clone(),
        updated_at: at,
    };
    dedup(&mut app.domains);
    dedup(&mut app.upstreams);
    dedup(&mut app.entrypoints);
    check(&mut app)?;
    Ok(app)
}

/// Registers a prepared application in the caller's organization, with
/// the routers outside authgate that serve it (`routers`, `NAME@PROVIDER`).
pub fn add(
    session: &mut Session,
    mut app: Application,
    mut routers: Vec<String>,
) -> Result<Application> {
    check(&mut app)?;
    names::check_routers(&mut routers)?;
    app.org_id = session.actor.org_id.clone();
    let resolved = upstreams::resolve(session.conn(), &app.org_id, &app.upstreams)?;
    let providers = session.providers();
    // What every sink holds that authgate did not write, read once for the
    // name and the host claims.
    let foreign = read_foreign(session)?;
    let served = foreign_definitions::of(&foreign);
    let on_failure = Event::new("app.add")
        .target("application", &app.app_name)
        .application(&app.application_id);
    let declared = Publishes::Apps(vec![app.app_name.clone()]);
    let added = session.write_publishing(|_| Ok(declared), on_failure, |m| {
        m.actor.require_manager("add applications")?;
        if applications::app_name_taken(m.conn(), &app.app_name)? {
            return Err(Error::conflict(format!(
                "app name '{}' is already taken (app names are unique across the whole Traefik installation)",
                app.app_name
            )));
        }
        if applications::reference_taken(m.conn(), &[&app.application_id, &app.app_name], None)? {
            return Err(Error::conflict(format!(
                "'{}' or '{}' is already used as an application id or app name",
                app.application_id, app.app_name
            )));
        }
        names::claim_app_name(m.conn(), &m.actor.org_id, &app.app_name)?;
        names::claim_router_names(m.conn(), &app.application_id, &app.app_name, &providers)?;
        names::claim_served_name(
            &served,
            &app.app_name,
            &providers,
            is_installation_owner(m),
        )?;
        names::refuse_taking_referenced(&served, &app.app_name, is_installation_owner(m))?;
        names::claim_routers(
            m.conn(),
            &m.actor.org_id,
            &app.application_id,
            &routers,
            &providers,
        )?;
        claim_domains(m.conn(), m.actor, &app)?;
        claim_from_foreign_routers(m, &app, Some(&foreign), |_| true)?;
        upstreams::claim(m.conn(), &app, &resolved)?;
        app.environment_id =
            tenancy::ensure_environment(m.conn(), &m.actor.org_id, &app.project, &app.environment)?;
        applications::insert(m.conn(), &app)?;
        names::set_declared_routers(m.conn(), &app.application_id, &routers)?;
        m.audit(
            &Event::new("app.add")
                .target("application", &app.application_id)
                .application(&app.application_id)
                .detail(format!(
                    "app name '{}'{}{}",
                    app.app_name,
                    if app.private {
                        ", private: closed until its first credential"
                    } else {
                        ""
                    },
                    if routers.is_empty() {
                        String::new()
                    } else {
                        format!(", declares routers {}", routers.join(", "))
                    }
                )),
        )?;
        m.publish(&app)?;
        Ok(app)
    })?;
    session
        .warnings
        .borrow_mut()
        .extend(trusted_network_warnings(&added));
    Ok(added)
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

/// Validates every field a change supplies, before any transaction starts;
/// the rules that combine fields are checked again on the result.
pub fn check_changes(changes: &AppChanges) -> Result<()> {
    if let Some(v) = &changes.app_name {
        validate::app_name(v)?;
    }
    if let Some(v) = &changes.name {
        display_name(v)?;
    }
    for d in changes
        .domains
        .iter()
        .flatten()
        .chain(changes.hosts.iter().flatten())
    {
        validate::domain(d)?;
    }
    for u in changes.upstreams.iter().flatten() {
        validate::upstream(u)?;
    }
    for e in changes.entrypoints.iter().flatten() {
        validate::traefik_name("entrypoint", e)?;
    }
    if let Some(Some(r)) = &changes.cert_resolver {
        validate::traefik_name("certificate resolver", r)?;
    }
    if let Some(Some(r)) = &changes.realm {
        validate::realm(r)?;
    }
    if let Some(routers) = &changes.routers {
        names::check_routers(&mut routers.clone())?;
    }
    let mut given = AccessRules {
        public_paths: changes.public_paths.clone().unwrap_or_default(),
        protect_paths: changes.protect_paths.clone().unwrap_or_default(),
        trusted_networks: changes.trusted_networks.clone().unwrap_or_default(),
        allow_preflight: false,
    };
    // Every rule on its own, their numbers, and both kinds of paths given
    // in one change: refused before the registry is opened.
    check_access(&mut given)?;
    Ok(())
}

/// A credential given a new generated secret when its application
/// switched between fast authentication and bcrypt.
pub struct Rotated {
    pub credential: Credential,
    /// The new secret, to be shown once.
    pub password: String,
}

/// How [`update`] goes about a change.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpdateOptions {
    /// A switch of fast authentication gives every credential a new
    /// generated secret.
    pub rotate: bool,
    /// A rename gives the old name up even while routers authgate did not
    /// write reference its middleware.
    pub force: bool,
}

/// What [`update`] did.
pub struct Updated {
    pub app: Application,
    /// Whether fast authentication was switched on or off.
    pub switched: bool,
    /// The credentials that got new secrets (when `switched`).
    pub rotated: Vec<Rotated>,
    /// Whether the application was private and no longer is.
    pub no_longer_private: bool,
}

/// The hashing of every credential of an application that switches to
/// (or from) fast authentication.
fn switch_hashing(conn: &rusqlite::Connection, fast_auth: bool) -> Result<Hashing> {
    Ok(if fast_auth {
        Hashing::Sha1
    } else {
        Hashing::Bcrypt {
            cost: password::cost::installation_cost(conn, None)?,
        }
    })
}

/// A new generated secret and its hash.
fn fresh_secret(hashing: Hashing) -> Result<(String, NewHash)> {
    let secret = Secret::generate(password::secret::DEFAULT_GENERATED_LENGTH)?;
    let hash = password::hashing::hash(&secret, hashing)?;
    Ok((secret.into_value(), hash))
}

fn scheme_words(hashing: Hashing) -> String {
    match hashing {
        Hashing::Sha1 => "{SHA}".to_string(),
        Hashing::Bcrypt { cost } => format!("bcrypt (cost {cost})"),
        Hashing::Apr1 => "APR1".to_string(),
    }
}

/// Refuses to switch an application that holds credentials without
/// rotating them: authgate keeps no password to rehash, and one middleware
/// whose users mix hash schemes lets response times tell which usernames
/// exist (Traefik checks an unknown username against one user's hash).
fn rotation_needed(app: &Application, fast_auth: bool, credentials: usize) -> Error {
    Error::bad_request(format!(
        "switching application '{}' {} fast authentication needs a new generated password for each of its {credentials} credential(s): authgate keeps no password to rehash, and a middleware whose users mix hash schemes lets response times reveal which usernames exist (Traefik checks an unknown username against one user's hash); nothing was changed",
        app.app_name,
        if fast_auth { "to" } else { "off" },
    ))
    .remedy(Remedy::RotateToSwitch)
}

/// Changes an application. Switching fast authentication on or off in an
/// application that holds credentials needs `rotate`: every credential
/// then gets a new generated secret, hashed for the new scheme (`{SHA}`,
/// or bcrypt at the installation's cost), in the same transaction as the
/// switch and the file. The secrets are made and hashed before the write
/// lock is taken (bcrypt is slow); a refused switch changes nothing.
pub fn update(
    session: &mut Session,
    reference: &str,
    changes: AppChanges,
    options: UpdateOptions,
) -> Result<Updated> {
    let UpdateOptions { rotate, force } = options;
    check_changes(&changes)?;
    if changes.is_empty() {
        return Err(
            Error::bad_request("nothing to update: give at least one change")
                .remedy(Remedy::ApplicationChange),
        );
    }
    let event = Event::new("app.update").target("application", reference);
    // Secrets for the credentials a switch rotates, by securityId.
    let mut prepared: HashMap<String, (String, NewHash)> = HashMap::new();
    if let Some(fast_auth) = changes.fast_auth {
        let (app, held) = session.read(event.clone(), |conn, actor| {
            let app = actor.authorize_app(conn, reference, Access::Write)?;
            actor.require_manager("change applications")?;
            let held = if app.fast_auth == fast_auth {
                Vec::new()
            } else {
                credentials::of_app(conn, &app.application_id)?
            };
            Ok((app, held))
        })?;
        if !held.is_empty() && !rotate {
            return Err(rotation_needed(&app, fast_auth, held.len()));
        }
        let hashing = switch_hashing(session.conn(), fast_auth)?;
        for c in held {
            prepared.insert(c.security_id, fresh_secret(hashing)?);
        }
    }
    let resolved = match &changes.upstreams {
        Some(given) => {
            let normalized = given
                .iter()
                .map(|u| validate::upstream(u))
                .collect::<Result<Vec<_>>>()?;
            upstreams::resolve(session.conn(), &session.actor.org_id, &normalized)?
        }
        None => upstreams::Resolved::default(),
    };
    let trusted_changed = changes.trusted_networks.is_some();
    let renamed_to = changes.app_name.clone();
    let providers = session.providers();
    // What Traefik serves outside authgate matters only to a rename.
    let foreign = match &renamed_to {
        Some(_) => Some(read_foreign(session)?),
        None => None,
    };
    let served = foreign
        .as_deref()
        .map(foreign_definitions::of)
        .unwrap_or_default();
    let mut forced = String::new();
    let updated = session.write_publishing(
        |conn| {
            // Both names of a renamed application.
            Ok(match Publishes::app(conn, reference)? {
                Publishes::Apps(mut names) => {
                    names.extend(renamed_to);
                    Publishes::Apps(names)
                }
                everything => everything,
            })
        },
        event,
        |m| {
            let old = m.actor.authorize_app(m.conn(), reference, Access::Write)?;
            m.actor.require_manager("change applications")?;
            let mut app = old.clone();
            let mut changed = Vec::new();
            if let Some(v) = changes.app_name {
                if v != app.app_name
                    && applications::reference_taken(m.conn(), &[&v], Some(&app.application_id))?
                {
                    return Err(Error::conflict(format!("app name '{v}' is already taken")));
                }
                if v != app.app_name {
                    let owner = is_installation_owner(m);
                    let using = names::routers_using(&served, &app.app_name);
                    if force && !using.is_empty() {
                        forced = format!(
                            "; forced while routers authgate did not write referenced the middleware of '{}': {}",
                            app.app_name,
                            names::router_list(&using)
                        );
                    } else {
                        names::refuse_giving_up(&app.app_name, &using, owner)?;
                    }
                    names::claim_app_name(m.conn(), &m.actor.org_id, &v)?;
                    names::claim_router_names(m.conn(), &app.application_id, &v, &providers)?;
                    names::claim_served_name(&served, &v, &providers, owner)?;
                    names::refuse_taking_referenced(&served, &v, owner)?;
                    names::give_up(m.conn(), &m.actor.org_id, &app.app_name)?;
                }
                app.app_name = v;
                changed.push("appName");
            }
            if let Some(v) = changes.name {
                app.name = v;
                changed.push("name");
            }
            if let Some(mut v) = changes.domains {
                dedup(&mut v);
                app.domains = v;
                changed.push("domains");
            }
            if let Some(mut v) = changes.hosts {
                dedup(&mut v);
                app.hosts = v;
                changed.push("hosts");
            }
            if let Some(mut v) = changes.upstreams {
                dedup(&mut v);
                app.upstreams = v;
                changed.push("upstreams");
            }
            if let Some(mut v) = changes.entrypoints {
                dedup(&mut v);
                app.entrypoints = v;
                changed.push("entrypoints");
            }
            if let Some(v) = changes.tls {
                app.tls = v;
                changed.push("tls");
            }
            if let Some(v) = changes.cert_resolver {
                app.tls = app.tls || v.is_some();
                app.cert_resolver = v;
                changed.push("certResolver");
            }
            if let Some(v) = changes.realm {
                app.realm = v;
                changed.push("realm");
            }
            if let Some(v) = changes.public_paths {
                app.access.public_paths = v;
                changed.push("publicPaths");
            }
            if let Some(v) = changes.protect_paths {
                app.access.protect_paths = v;
                changed.push("protectPaths");
            }
            if let Some(v) = changes.trusted_networks {
                app.access.trusted_networks = v;
                changed.push("trustedNetworks");
            }
            if let Some(v) = changes.allow_preflight {
                app.access.allow_preflight = v;
                changed.push("allowPreflight");
            }
            let switched = changes.fast_auth.is_some_and(|v| v != old.fast_auth);
            if let Some(v) = changes.fast_auth {
                app.fast_auth = v;
                changed.push("fastAuth");
            }
            if let Some(v) = changes.private {
                app.private = v;
                changed.push("private");
            }
            if let Some(mut routers) = changes.routers {
                names::check_routers(&mut routers)?;
                names::claim_routers(
                    m.conn(),
                    &m.actor.org_id,
                    &app.application_id,
                    &routers,
                    &providers,
                )?;
                names::set_declared_routers(m.conn(), &app.application_id, &routers)?;
                changed.push("routers");
            }
            check(&mut app)?;
            // Also when the domains are not what changes: an application
            // that shares a host from before hosts had one owner must give
            // it up before anything else about it changes.
            claim_domains(m.conn(), m.actor, &app)?;
            let routed_before: Vec<&String> = old.domains.iter().chain(&old.hosts).collect();
            // Every host again when the entry points or the kind of routing
            // change: a router authgate did not write may stand on the new
            // ones.
            let moved = app.entrypoints != old.entrypoints
                || app.has_managed_routing() != old.has_managed_routing();
            claim_from_foreign_routers(m, &app, foreign.as_deref(), |h| {
                moved || !routed_before.contains(&h)
            })?;
            upstreams::claim(m.conn(), &app, &resolved)?;
            app.updated_at = now();
            applications::update(m.conn(), &app)?;
            let mut rotated = Vec::new();
            let mut detail = format!("changed: {}{forced}", changed.join(", "));
            if switched {
                let held = credentials::of_app(m.conn(), &app.application_id)?;
                if !held.is_empty() && !rotate {
                    return Err(rotation_needed(&app, app.fast_auth, held.len()));
                }
                let hashing = switch_hashing(m.conn(), app.fast_auth)?;
                let words = scheme_words(hashing);
                detail.push_str(&format!(
                    "; fast authentication turned {}: {} credential(s) given new generated passwords, hashed as {words}",
                    if app.fast_auth { "on" } else { "off" },
                    held.len()
                ));
                for mut credential in held {
                    // One added since the secrets were made gets its own now.
                    let (password, new) = match prepared.remove(&credential.security_id) {
                        Some(made) => made,
                        None => fresh_secret(hashing)?,
                    };
                    credential.password_hash = new.into_hash();
                    // A generated secret is never weak; the expiry stays.
                    credential.weak = false;
                    credential.updated_at = app.updated_at.clone();
                    credentials::update(m.conn(), &credential)?;
                    m.audit(
                        &Event::new("security.update")
                            .credential(&credential)
                            .detail(format!(
                                "password rotated: fast authentication turned {}, hashed as {words}",
                                if app.fast_auth { "on" } else { "off" }
                            )),
                    )?;
                    rotated.push(Rotated {
                        credential,
                        password,
                    });
                }
            }
            m.audit(
                &Event::new("app.update")
                    .target("application", &app.application_id)
                    .application(&app.application_id)
                    .detail(detail),
            )?;
            m.publish(&app)?;
            if old.app_name != app.app_name {
                m.unpublish(&old.app_name)?;
            }
            let no_longer_private = old.private && !app.private;
            Ok(Updated {
                app,
                switched,
                rotated,
                no_longer_private,
            })
        },
    )?;
    if trusted_changed {
        session
            .warnings
            .borrow_mut()
            .extend(trusted_network_warnings(&updated.app));
    }
    Ok(updated)
}

/// Removes an application, its credentials (audited one by one) and its file.
/// Returns the application and how many credentials went with it.
pub fn remove(session: &mut Session, reference: &str, force: bool) -> Result<(Application, usize)> {
    let served = foreign_definitions::definitions(session.conn(), &session.sinks)?;
    session.write_publishing(
        |conn| Publishes::app(conn, reference),
        Event::new("app.remove").target("application", reference),
        |m| {
            let app = m.actor.authorize_app(m.conn(), reference, Access::Write)?;
            m.actor.require_manager("remove applications")?;
            let using = names::routers_using(&served, &app.app_name);
            let forced = if force && !using.is_empty() {
                format!(
                    "; forced while routers authgate did not write referenced its middleware: {}",
                    names::router_list(&using)
                )
            } else {
                names::refuse_giving_up(&app.app_name, &using, is_installation_owner(m))?;
                String::new()
            };
            let cascaded = credentials::of_app(m.conn(), &app.application_id)?;
            applications::delete(m.conn(), &app.application_id)?;
            names::give_up(m.conn(), &m.actor.org_id, &app.app_name)?;
            for c in &cascaded {
                m.audit(
                    &Event::new("security.delete")
                        .credential(c)
                        .app_name(&app.app_name)
                        .detail(format!(
                            "cascaded from removing application '{}'",
                            app.app_name
                        )),
                )?;
            }
            m.audit(
                &Event::new("app.remove")
                    .target("application", &app.application_id)
                    .application(&app.application_id)
                    .app_name(&app.app_name)
                    .detail(format!(
                        "app name '{}', {} credential(s) removed{forced}",
                        app.app_name,
                        cascaded.len()
                    )),
            )?;
            m.unpublish(&app.app_name)?;
            Ok((app, cascaded.len()))
        },
    )
}

/// Grants (or with `grant == false` revokes) a member's access to an
/// application. Returns whether anything changed.
pub fn set_grant(session: &mut Session, reference: &str, user: &str, grant: bool) -> Result<bool> {
    let action = if grant { "app.grant" } else { "app.revoke" };
    session.write(
        Event::new(action)
            .target("application", reference)
            .detail(format!("user '{user}'")),
        |m| {
            let app = m.actor.authorize_app(m.conn(), reference, Access::Write)?;
            m.actor.require_manager("grant access to applications")?;
            let member =
                tenancy::member_by_name(m.conn(), &m.actor.org_id, user)?.ok_or_else(|| {
                    Error::not_found(format!(
                        "user '{}' is not a member of organization '{}'",
                        validate::printable(user),
                        m.actor.org_name
                    ))
                })?;
            let changed = if grant {
                tenancy::grant(m.conn(), &member.user_id, &app.application_id)?
            } else {
                tenancy::revoke(m.conn(), &member.user_id, &app.application_id)?
            };
            if changed {
                m.audit(
                    &Event::new(action)
                        .target("user", &member.user_id)
                        .application(&app.application_id)
                        .detail(format!("user '{}' on '{}'", member.name, app.app_name)),
                )?;
            }
            Ok(changed)
        },
    )
}

/// What Traefik does with an application's requests now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Protection {
    /// `public` (managed routing, no credential), `protected`, `locked`
    /// (401 to everyone: every credential expired, or a private application
    /// without credentials) or `no middleware` (routing defined elsewhere,
    /// no credential: routers that reference the middleware answer 404).
    pub state: &'static str,
    /// The credentials Traefik accepts.
    pub active_users: i64,
}

/// The protection of an application, from its credentials now.
pub fn protection(session: &Session, app: &Application) -> Result<Protection> {
    let (total, active) = credentials::counts_of_app(session.conn(), &app.application_id, &now())?;
    Ok(Protection::of(app, total, active))
}

/// The caller's applications with their protection, as `list` gives them:
/// two queries, whatever their number.
pub fn list_with_protection(session: &Session) -> Result<Vec<(Application, Protection)>> {
    let counts = credentials::counts_in_org(session.conn(), &session.actor.org_id, &now())?;
    Ok(list(session)?
        .into_iter()
        .map(|app| {
            let (total, active) = counts.get(&app.application_id).copied().unwrap_or((0, 0));
            let protection = Protection::of(&app, total, active);
            (app, protection)
        })
        .collect())
}

impl Protection {
    /// From an application's credential counts: all of them, and the
    /// active ones.
    fn of(app: &Application, total: i64, active: i64) -> Protection {
        let state = match (total, active, app.has_managed_routing()) {
            // Private: closed, like an application whose credentials all
            // expired, never public.
            (0, _, _) if app.private => "locked",
            (0, _, true) => "public",
            (0, _, false) => "no middleware",
            (_, 0, _) => "locked",
            _ => "protected",
        };
        Protection {
            state,
            active_users: active,
        }
    }

    /// What an application that was just removed has.
    pub const REMOVED: Protection = Protection {
        state: "removed",
        active_users: 0,
    };
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
