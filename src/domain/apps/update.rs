//! Changing an application: `check_changes` validates what a change gives
//! before the registry is opened, and `update` applies it in one
//! transaction, with the rotation a switch of fast authentication needs.

use std::collections::HashMap;

use super::{
    AccessRules, Application, check, check_access, claim_domains, claim_from_foreign_routers,
    dedup, display_name, is_installation_owner, read_foreign, trusted_network_warnings,
};
use crate::auth::Access;
use crate::domain::accepted;
use crate::domain::foreign_definitions::{self, ForeignDefinitions};
use crate::domain::names;
use crate::domain::password::{self, Hashing, NewHash, Secret};
use crate::domain::session::{Mutation, Publishes, Session};
use crate::domain::upstreams;
use crate::domain::validate;
use crate::error::{Error, Remedy, Result};
use crate::sinks::Foreign;
use crate::store::applications;
use crate::store::audit::Event;
use crate::store::credentials::{self, Credential};
use crate::store::{now, tenancy};

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
    /// Moves it to another project (found or created, as `app add` does),
    /// keeping its environment's name unless `environment` is given too.
    pub project: Option<String>,
    /// Moves it to another environment of its project (or of `project`).
    pub environment: Option<String>,
    /// Turns the guard on or off for it (off lifts its bans).
    pub guard: Option<bool>,
    /// Its own limit of failed logins (`Some(None)`: the installation's).
    pub guard_max_failures: Option<Option<u32>>,
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
            && self.project.is_none()
            && self.environment.is_none()
            && self.guard.is_none()
            && self.guard_max_failures.is_none()
    }
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
    if let Some(project) = &changes.project {
        validate::identifier("project", project)?;
    }
    if let Some(environment) = &changes.environment {
        validate::identifier("environment", environment)?;
    }
    if let Some(Some(n)) = changes.guard_max_failures
        && !(1..=1_000).contains(&n)
    {
        return Err(Error::bad_request(format!(
            "the guard's limit must be a number of failed logins from 1 to 1000, got {n}"
        )));
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
    /// Whether it moved out of the scope of every credential it accepted
    /// (see [`super::Emptied`]).
    pub emptied: bool,
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
    let secret = Secret::generate(
        password::secret::DEFAULT_GENERATED_LENGTH,
        password::secret::Alphabet::default(),
    )?;
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

/// Secrets for the credentials a switch rotates, by securityId: each
/// generated password and its hash.
type Prepared = HashMap<String, (String, NewHash)>;

/// Changes an application. Switching fast authentication on or off in an
/// application that holds credentials needs `rotate`: every credential
/// then gets a new generated secret, hashed for the new scheme (`{SHA}`,
/// or bcrypt at the installation's cost), in the same transaction as the
/// switch and the file. The secrets are made and hashed before the write
/// lock is taken (bcrypt is slow); a refused switch changes nothing.
pub fn update(
    session: &mut Session,
    reference: &str,
    mut changes: AppChanges,
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
    let mut prepared = match changes.fast_auth {
        Some(fast_auth) => prepare_rotation(session, &event, reference, fast_auth, rotate)?,
        None => Prepared::new(),
    };
    let resolved = resolve_upstreams(session, changes.upstreams.as_deref())?;
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
    let renaming = Renaming {
        served: &served,
        providers: &providers,
        force,
    };
    let updated = session.write_publishing(
        |conn| both_names(conn, reference, renamed_to),
        event,
        |m| {
            let old = m.actor.authorize_app(m.conn(), reference, Access::Write)?;
            m.actor.require_manager("change applications")?;
            let mut app = old.clone();
            let mut changed = Changed::default();
            let forced = renaming.apply(m, &mut app, changes.app_name.take(), &mut changed)?;
            changed.set("name", changes.name.take(), &mut app.name);
            change_routing(&mut app, &mut changes, &mut changed);
            changed.set("realm", changes.realm.take(), &mut app.realm);
            change_access(&mut app.access, &mut changes, &mut changed);
            changed.set("fastAuth", changes.fast_auth, &mut app.fast_auth);
            changed.set("private", changes.private, &mut app.private);
            changed.set("guard", changes.guard, &mut app.guard);
            changed.set(
                "guardMaxFailures",
                changes.guard_max_failures,
                &mut app.guard_max_failures,
            );
            if old.guard && !app.guard {
                crate::store::guard::lift_all(m.conn(), &app.application_id, &now())?;
                app.banned.clear();
            }
            declare_routers(m, &app, changes.routers.take(), &providers, &mut changed)?;
            let accepted_before = accepted::count(m.conn(), &old)?;
            let moved = move_to(
                m,
                &mut app,
                changes.project.take(),
                changes.environment.take(),
                &mut changed,
            )?;
            check(&mut app)?;
            claim_hosts(m, &old, &app, foreign.as_deref())?;
            upstreams::claim(m.conn(), &app, &resolved)?;
            app.updated_at = now();
            applications::update(m.conn(), &app)?;
            let mut detail = format!("changed: {}{forced}", changed.0.join(", "));
            let switched = app.fast_auth != old.fast_auth;
            let rotated = if switched {
                rotate_all(m, &app, rotate, &mut prepared, &mut detail)?
            } else {
                Vec::new()
            };
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
            let emptied = moved && accepted_before > 0 && accepted::count(m.conn(), &app)? == 0;
            let no_longer_private = old.private && !app.private;
            Ok(Updated {
                app,
                switched,
                rotated,
                no_longer_private,
                emptied,
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

/// Moves `app` to another project or environment of its organization, found
/// or created (as `app add` does). Refused (exit 5) when one of its own
/// usernames is shared there: it would accept that username twice.
/// Returns whether it moved.
fn move_to(
    m: &Mutation<'_>,
    app: &mut Application,
    project: Option<String>,
    environment: Option<String>,
    changed: &mut Changed,
) -> Result<bool> {
    if project.is_none() && environment.is_none() {
        return Ok(false);
    }
    let project = project.unwrap_or_else(|| app.project.clone());
    let environment = environment.unwrap_or_else(|| app.environment.clone());
    if project == app.project && environment == app.environment {
        return Ok(false);
    }
    let (environment_id, project_id) =
        tenancy::ensure_environment(m.conn(), &app.org_id, &project, &environment)?;
    let mut moved = app.clone();
    (moved.project, moved.environment) = (project, environment);
    (moved.project_id, moved.environment_id) = (project_id, environment_id);
    for (security_id, username) in credentials::usernames_of_app(m.conn(), &app.application_id)? {
        if let Err(e) = accepted::refuse_inherited(m.conn(), &moved, &username, Some(&security_id))
        {
            return Err(Error::conflict(format!(
                "application '{}' cannot move to project {}, environment {}: {e}; nothing was changed",
                app.app_name, moved.project, moved.environment
            )));
        }
    }
    if moved.project != app.project {
        changed.0.push("project");
    }
    if moved.environment != app.environment {
        changed.0.push("environment");
    }
    *app = moved;
    Ok(true)
}

/// What an update publishes: both names of a renamed application.
fn both_names(
    conn: &rusqlite::Connection,
    reference: &str,
    renamed_to: Option<String>,
) -> Result<Publishes> {
    Ok(match Publishes::app(conn, reference)? {
        Publishes::Apps(mut names) => {
            names.extend(renamed_to);
            Publishes::Apps(names)
        }
        everything => everything,
    })
}

/// The secrets a switch to `fast_auth` gives the application's credentials,
/// made and hashed before the write lock; a switch of an application that
/// holds credentials without `rotate` is refused here, changing nothing.
fn prepare_rotation(
    session: &Session,
    event: &Event,
    reference: &str,
    fast_auth: bool,
    rotate: bool,
) -> Result<Prepared> {
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
    let mut prepared = Prepared::new();
    for c in held {
        prepared.insert(c.security_id, fresh_secret(hashing)?);
    }
    Ok(prepared)
}

/// Who holds the upstreams a change gives, normalized, read before the
/// write lock (claimed inside it); nothing when the upstreams stay.
fn resolve_upstreams(session: &Session, given: Option<&[String]>) -> Result<upstreams::Resolved> {
    let Some(given) = given else {
        return Ok(upstreams::Resolved::default());
    };
    let normalized = given
        .iter()
        .map(|u| validate::upstream(u))
        .collect::<Result<Vec<_>>>()?;
    upstreams::resolve(session.conn(), &session.actor.org_id, &normalized)
}

/// The fields a change set, in the order it sets them: what the audit
/// detail names.
#[derive(Default)]
struct Changed(Vec<&'static str>);

impl Changed {
    /// Applies one optional change and records its name.
    fn with<T>(&mut self, name: &'static str, value: Option<T>, apply: impl FnOnce(T)) {
        if let Some(v) = value {
            apply(v);
            self.0.push(name);
        }
    }

    /// The same, for a change that can be refused.
    fn try_with<T>(
        &mut self,
        name: &'static str,
        value: Option<T>,
        apply: impl FnOnce(T) -> Result<()>,
    ) -> Result<()> {
        if let Some(v) = value {
            apply(v)?;
            self.0.push(name);
        }
        Ok(())
    }

    /// Replaces one field.
    fn set<T>(&mut self, name: &'static str, value: Option<T>, field: &mut T) {
        self.with(name, value, |v| *field = v);
    }
}

fn deduped(mut list: Vec<String>) -> Vec<String> {
    dedup(&mut list);
    list
}

/// Giving an application a new name: the rules on names, with what the
/// rename reads before the transaction.
struct Renaming<'a> {
    /// What Traefik serves outside authgate.
    served: &'a ForeignDefinitions,
    providers: &'a [&'static str],
    /// Give the old name up even while routers authgate did not write
    /// reference its middleware.
    force: bool,
}

impl Renaming<'_> {
    /// Renames the application to `to` when given: refused when another
    /// application has the name, or when the rules on names refuse giving
    /// the old name up or taking the new one. Returns what the audit detail
    /// adds about a forced rename (empty otherwise).
    fn apply(
        &self,
        m: &Mutation<'_>,
        app: &mut Application,
        to: Option<String>,
        changed: &mut Changed,
    ) -> Result<String> {
        let mut forced = String::new();
        changed.try_with("appName", to, |v| {
            if v != app.app_name {
                if applications::reference_taken(m.conn(), &[&v], Some(&app.application_id))? {
                    return Err(Error::conflict(format!("app name '{v}' is already taken")));
                }
                let owner = is_installation_owner(m);
                let using = names::routers_using(self.served, &app.app_name);
                if self.force && !using.is_empty() {
                    forced = format!(
                        "; forced while routers authgate did not write referenced the middleware of '{}': {}",
                        app.app_name,
                        names::router_list(&using)
                    );
                } else {
                    names::refuse_giving_up(&app.app_name, &using, owner)?;
                }
                names::claim_app_name(m.conn(), &m.actor.org_id, &v)?;
                names::claim_router_names(m.conn(), &app.application_id, &v, self.providers)?;
                names::claim_served_name(self.served, &v, self.providers, owner)?;
                names::refuse_taking_referenced(self.served, &v, owner)?;
                names::give_up(m.conn(), &m.actor.org_id, &app.app_name)?;
            }
            app.app_name = v;
            Ok(())
        })?;
        Ok(forced)
    }
}

/// Domains, hosts, upstreams and entry points (each without duplicates),
/// TLS and the certificate resolver, which implies TLS.
fn change_routing(app: &mut Application, changes: &mut AppChanges, changed: &mut Changed) {
    changed.set(
        "domains",
        changes.domains.take().map(deduped),
        &mut app.domains,
    );
    changed.set("hosts", changes.hosts.take().map(deduped), &mut app.hosts);
    let upstreams = changes.upstreams.take().map(deduped);
    changed.set("upstreams", upstreams, &mut app.upstreams);
    let entrypoints = changes.entrypoints.take().map(deduped);
    changed.set("entrypoints", entrypoints, &mut app.entrypoints);
    changed.set("tls", changes.tls, &mut app.tls);
    changed.with("certResolver", changes.cert_resolver.take(), |v| {
        app.tls = app.tls || v.is_some();
        app.cert_resolver = v;
    });
}

/// The access rules: public and protected paths, trusted networks,
/// preflight requests.
fn change_access(access: &mut AccessRules, changes: &mut AppChanges, changed: &mut Changed) {
    let public_paths = changes.public_paths.take();
    changed.set("publicPaths", public_paths, &mut access.public_paths);
    let protect_paths = changes.protect_paths.take();
    changed.set("protectPaths", protect_paths, &mut access.protect_paths);
    let trusted_networks = changes.trusted_networks.take();
    changed.set(
        "trustedNetworks",
        trusted_networks,
        &mut access.trusted_networks,
    );
    changed.set(
        "allowPreflight",
        changes.allow_preflight,
        &mut access.allow_preflight,
    );
}

/// Replaces the routers outside authgate the application declares, when
/// given: each checked and claimed first.
fn declare_routers(
    m: &Mutation<'_>,
    app: &Application,
    routers: Option<Vec<String>>,
    providers: &[&str],
    changed: &mut Changed,
) -> Result<()> {
    changed.try_with("routers", routers, |mut routers| {
        names::check_routers(&mut routers)?;
        names::claim_routers(
            m.conn(),
            &m.actor.org_id,
            &app.application_id,
            &routers,
            providers,
        )?;
        names::set_declared_routers(m.conn(), &app.application_id, &routers)
    })
}

/// Claims the changed application's hosts: against every other application,
/// and against routers authgate did not write for the hosts it did not
/// route before.
fn claim_hosts(
    m: &Mutation<'_>,
    old: &Application,
    app: &Application,
    foreign: Option<&[Foreign]>,
) -> Result<()> {
    // Also when the domains are not what changes: an application that
    // shares a host from before hosts had one owner must give it up before
    // anything else about it changes.
    claim_domains(m.conn(), m.actor, app)?;
    let routed_before: Vec<&String> = old.domains.iter().chain(&old.hosts).collect();
    // Every host again when the entry points or the kind of routing change:
    // a router authgate did not write may stand on the new ones.
    let moved = app.entrypoints != old.entrypoints
        || app.has_managed_routing() != old.has_managed_routing();
    claim_from_foreign_routers(m, app, foreign, |h| moved || !routed_before.contains(&h))
}

/// Gives every credential of an application that switched fast
/// authentication a new generated secret (the one made before the write
/// lock, or one made now for a credential added since), audited one by
/// one, and says so in the application's audit `detail`. Refused when the
/// application holds credentials and `rotate` was not given.
fn rotate_all(
    m: &Mutation<'_>,
    app: &Application,
    rotate: bool,
    prepared: &mut Prepared,
    detail: &mut String,
) -> Result<Vec<Rotated>> {
    let held = credentials::of_app(m.conn(), &app.application_id)?;
    if !held.is_empty() && !rotate {
        return Err(rotation_needed(app, app.fast_auth, held.len()));
    }
    let hashing = switch_hashing(m.conn(), app.fast_auth)?;
    let words = scheme_words(hashing);
    let turned = if app.fast_auth { "on" } else { "off" };
    detail.push_str(&format!(
        "; fast authentication turned {turned}: {} credential(s) given new generated passwords, hashed as {words}",
        held.len()
    ));
    let mut rotated = Vec::new();
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
                    "password rotated: fast authentication turned {turned}, hashed as {words}"
                )),
        )?;
        rotated.push(Rotated {
            credential,
            password,
        });
    }
    Ok(rotated)
}
