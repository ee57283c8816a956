//! Registering an application: `prepare` validates it before the registry is
//! opened, `add` files it in the caller's organization.

use super::{
    AccessRules, Application, check, claim_domains, claim_from_foreign_routers, dedup,
    is_installation_owner, read_foreign, trusted_network_warnings,
};
use crate::domain::foreign_definitions;
use crate::domain::names;
use crate::domain::session::{Publishes, Session};
use crate::domain::upstreams;
use crate::domain::validate;
use crate::error::{Error, Result};
use crate::store::applications;
use crate::store::audit::Event;
use crate::store::{new_id, now, tenancy};

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
        project_id: String::new(),
        domains: new.routing.domains,
        hosts: new.routing.hosts,
        upstreams: new.routing.upstreams,
        entrypoints: new.routing.entrypoints,
        tls: new.routing.tls || new.routing.cert_resolver.is_some(),
        cert_resolver: new.routing.cert_resolver,
        realm: new.realm,
        access: new.access,
        guard: true,
        guard_max_failures: None,
        banned: Vec::new(),
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
        (app.environment_id, app.project_id) =
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
