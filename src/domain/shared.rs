//! Credentials shared by a project or an environment: where one is held
//! (its scope), who may see and change it, and which applications accept
//! it. The operations themselves are `domain::credentials`'s, for either
//! kind of credential. ARCHITECTURE.md, "Shared credentials".

use rusqlite::Connection;

use crate::auth::{Access, Actor};
use crate::domain::validate::{self, printable};
use crate::error::{Error, Result};
use crate::store::applications::Application;
use crate::store::shared::{self, Scope};
use crate::store::tenancy;

/// A project, or one environment of it, as a command names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeRef {
    pub project: String,
    pub environment: Option<String>,
}

impl ScopeRef {
    /// Checks the names before anything is opened.
    pub fn check(&self) -> Result<()> {
        validate::identifier("project", &self.project)?;
        if let Some(e) = &self.environment {
            validate::identifier("environment", e)?;
        }
        Ok(())
    }

    /// As operators read it (`project shop, environment staging`).
    pub(crate) fn describe(&self) -> String {
        shared::describe(&self.project, self.environment.as_deref())
    }
}

/// A shared credential's scope and the applications in it, in app-name
/// order.
#[derive(Debug, Clone)]
pub struct Reach {
    pub(crate) scope: Scope,
    pub apps: Vec<Application>,
}

impl Reach {
    /// Its scope, as operators read it (`project shop, environment
    /// staging`).
    pub fn describe(&self) -> String {
        self.scope.describe()
    }

    /// The project's name.
    pub fn project(&self) -> &str {
        &self.scope.project
    }

    /// The environment's name, for an environment's credential.
    pub fn environment(&self) -> Option<&str> {
        self.scope.environment.as_deref()
    }

    /// The applications that accept it.
    pub fn reached(&self) -> impl Iterator<Item = &Application> {
        self.apps.iter().filter(|a| !a.fast_auth)
    }

    /// The applications of the scope that do not accept it, each with why.
    pub fn not_reached(&self) -> Vec<String> {
        self.apps
            .iter()
            .filter(|a| a.fast_auth)
            .map(|a| {
                format!(
                    "{}: fast authentication takes only its own generated secrets",
                    a.app_name
                )
            })
            .collect()
    }

    pub(crate) fn of(conn: &Connection, scope: Scope) -> Result<Reach> {
        let apps = scope.apps(conn)?;
        Ok(Reach { scope, apps })
    }
}

/// The names of the applications of the scope `scope` names in an
/// organization that accept its credentials: what a change of one of them
/// declares it publishes, before anything is authorized.
pub(crate) fn app_names(conn: &Connection, org_id: &str, scope: &ScopeRef) -> Result<Vec<String>> {
    Ok(
        match shared::scope(conn, org_id, &scope.project, scope.environment.as_deref())? {
            Some(scope) => reached_names(conn, &scope)?,
            None => Vec::new(),
        },
    )
}

/// The names of the applications of `scope` that accept its credentials.
pub(crate) fn reached_names(conn: &Connection, scope: &Scope) -> Result<Vec<String>> {
    Ok(scope
        .apps(conn)?
        .into_iter()
        .filter(|a| !a.fast_auth)
        .map(|a| a.app_name)
        .collect())
}

/// The scope `scope` names in the actor's organization, or NOT_FOUND naming
/// what there is.
pub(crate) fn find_scope(conn: &Connection, actor: &Actor, scope: &ScopeRef) -> Result<Scope> {
    if let Some(found) = shared::scope(
        conn,
        &actor.org_id,
        &scope.project,
        scope.environment.as_deref(),
    )? {
        return Ok(found);
    }
    let projects = shared::project_names(conn, &actor.org_id)?;
    let known = match shared::scope(conn, &actor.org_id, &scope.project, None)? {
        // The project is there: its environments.
        Some(project) => format!(
            "its environments: {}",
            shared::environment_names(conn, &project.project_id)?.join(", ")
        ),
        None if projects.is_empty() => "it has no project yet".to_string(),
        None => format!("its projects: {}", projects.join(", ")),
    };
    Err(Error::not_found(format!(
        "{} not found in organization '{}' ({known})",
        printable(&scope.describe()),
        actor.org_name
    )))
}

/// The scope `scope` names in the actor's organization, created when
/// missing (as `app add` creates an application's project and
/// environment). Only for a new shared credential, by a manager.
pub(crate) fn ensure_scope(conn: &Connection, actor: &Actor, scope: &ScopeRef) -> Result<Scope> {
    match &scope.environment {
        Some(environment) => {
            tenancy::ensure_environment(conn, &actor.org_id, &scope.project, environment)?;
        }
        None => {
            tenancy::ensure_project(conn, &actor.org_id, &scope.project)?;
        }
    }
    find_scope(conn, actor, scope)
}

/// Authorizes the actor for a shared credential of `scope`: the
/// organization's owners and admins change them; members and viewers see
/// those that reach an application granted to them (anything else is not
/// found, as another organization's is).
pub(crate) fn authorize(
    conn: &Connection,
    actor: &Actor,
    reach: &Reach,
    access: Access,
    not_found: impl FnOnce() -> Error,
) -> Result<()> {
    if actor.role.manages_org() {
        return Ok(());
    }
    let mut visible = false;
    for app in &reach.apps {
        if tenancy::has_grant(conn, &actor.user_id, &app.application_id)? {
            visible = true;
            break;
        }
    }
    if !visible {
        return Err(not_found());
    }
    match access {
        Access::Read => Ok(()),
        Access::Write => actor.require_manager("change shared credentials"),
    }
}
