//! Credential operations: create, find, update, delete and list an
//! application's username/password pairs, each authorized, audited and
//! published to Traefik in the same transaction. Passwords arrive here
//! already hashed (hashing happens before the write lock is taken): a
//! command first asks what the application accepts
//! ([`accepted_for_create`], [`accepted_for_update`]), has the password
//! taken there ([`password::Accepted::take`]), then writes the
//! [`NewPassword`] it got.

use std::time::Duration;

use rusqlite::Connection;
use serde::Serialize;

use crate::auth::Access;
use crate::domain::accepted;
use crate::domain::password::scheme::{self, Htpasswd, MixedSchemes};
use crate::domain::password::{
    self, Accepted, Console, Input, NewPassword, Origin, Request, Scheme, Secret, Source,
};
use crate::domain::progress::Progress;
use crate::domain::session::{Options, Publishes, Session};
use crate::domain::shared::{Reach, ScopeRef};
use crate::domain::validate::{self, printable};
use crate::error::{Error, ErrorCode, Remedy, Result};
use crate::store::applications::{self, Application};
use crate::store::audit::Event;
use crate::store::{credentials, shared};

pub use crate::store::credentials::Credential;
use crate::store::{new_id, now, timestamp};

/// How a command names a credential: by id (an application's or a shared
/// one), by application and username, or by scope and username.
#[derive(Debug, Clone)]
pub enum Selector {
    Id(String),
    Name { app: String, username: String },
    Shared { scope: ScopeRef, username: String },
}

impl Selector {
    /// The applications the credential reaches, for the intent of a
    /// mutation (see [`Publishes::app`]): its application, or every
    /// application of its scope (`org_id`: the caller's organization, which
    /// names scopes).
    fn publishes(&self, conn: &Connection, org_id: &str) -> Result<Publishes> {
        match self {
            Selector::Id(id) => match shared::by_id(conn, id)? {
                Some(found) => Ok(Publishes::Apps(crate::domain::shared::reached_names(
                    conn,
                    &found.scope,
                )?)),
                None => Ok(Publishes::Apps(
                    credentials::app_name_of(conn, id)?.into_iter().collect(),
                )),
            },
            Selector::Name { app, .. } => Publishes::app(conn, app),
            Selector::Shared { scope, .. } => Ok(Publishes::Apps(
                crate::domain::shared::app_names(conn, org_id, scope)?,
            )),
        }
    }

    fn audit_event(&self, action: &str) -> Event {
        match self {
            Selector::Id(id) => Event::new(action).target("security", id).security(id),
            Selector::Name { app, username } => Event::new(action)
                .target("application", app)
                .username(username),
            Selector::Shared { scope, username } => Event::new(action)
                .target("project", &scope.project)
                .username(username),
        }
    }
}

/// What holds a credential: an application, or a project or environment
/// whose applications share it.
#[derive(Debug, Clone)]
// One per command: the size of an application is no cost worth boxing.
#[allow(clippy::large_enum_variant)]
pub enum Holder {
    App(Application),
    Shared(Reach),
}

impl Holder {
    /// How messages name it: the app name, or the scope.
    pub fn name(&self) -> String {
        match self {
            Holder::App(app) => app.app_name.clone(),
            Holder::Shared(reach) => reach.describe(),
        }
    }

    /// The application, when the credential is one application's.
    pub fn app(&self) -> Option<&Application> {
        match self {
            Holder::App(app) => Some(app),
            Holder::Shared(_) => None,
        }
    }

    /// The applications that accept the credential.
    pub fn reached(&self) -> Vec<&Application> {
        match self {
            Holder::App(app) => vec![app],
            Holder::Shared(reach) => reach.reached().collect(),
        }
    }

    /// Refuses `username` for a credential of this holder when one of its
    /// applications would then accept it twice, or accept two that look
    /// alike (`except`: the credential being renamed).
    fn refuse_username(
        &self,
        conn: &Connection,
        username: &str,
        except: Option<&str>,
    ) -> Result<()> {
        match self {
            Holder::App(app) => refuse_app_username(conn, app, username, except),
            Holder::Shared(reach) => {
                accepted::refuse_shared_duplicate(conn, &reach.scope, &reach.apps, username, except)
            }
        }
    }

    /// Stores a changed credential.
    fn store(&self, conn: &Connection, credential: &Credential) -> Result<()> {
        match self {
            Holder::App(_) => credentials::update(conn, credential),
            Holder::Shared(_) => shared::update(conn, credential),
        }
    }

    /// Publishes every application that accepts the credential.
    fn publish(&self, m: &mut crate::domain::session::Mutation<'_>) -> Result<()> {
        for app in self.reached() {
            m.publish(app)?;
        }
        Ok(())
    }

    /// The audit event of `action` on `credential`: an application's names
    /// its application; a shared one's names its scope and how many
    /// applications were published.
    fn event(&self, action: &str, credential: &Credential) -> Event {
        match self {
            Holder::App(_) => Event::new(action).credential(credential),
            Holder::Shared(reach) => Event::new(action)
                .target("security", &credential.security_id)
                .security(&credential.security_id)
                .username(&credential.username)
                .detail(format!(
                    "shared by {}; {} application(s) published",
                    reach.describe(),
                    reach.reached().count()
                )),
        }
    }
}

/// Refuses `username` for a credential of `app` (exit 5) when the
/// application has it already, as its own or inherited, or one that looks
/// like it (`except`: the credential being renamed).
fn refuse_app_username(
    conn: &Connection,
    app: &Application,
    username: &str,
    except: Option<&str>,
) -> Result<()> {
    if let Some(other) = credentials::by_username(conn, &app.application_id, username)?
        && Some(other.security_id.as_str()) != except
    {
        return Err(username_taken(app, username));
    }
    accepted::refuse_inherited(conn, app, username, except)?;
    accepted::Usernames::of(conn, app, except)?.refuse_lookalike(app, username)
}

/// A new credential of `application_id` (empty for a shared one), created
/// now.
fn new_credential(
    application_id: String,
    username: &str,
    password: NewPassword,
    expires_at: Option<String>,
) -> Credential {
    let at = now();
    Credential {
        security_id: new_id(),
        application_id,
        username: username.to_string(),
        weak: password.is_weak(),
        withdrawn_at: None,
        password_hash: password.hash.into_hash(),
        created_at: at.clone(),
        updated_at: at,
        expires_at,
    }
}

/// What a creation's audit event says of the new credential: its expiry,
/// and a weak password let through.
fn creation_detail(mut event: Event, credential: &Credential) -> Event {
    if let Some(at) = &credential.expires_at {
        event = with_detail(event, &format!("expires at {at}"));
    }
    if credential.weak {
        event = with_detail(event, "weak password allowed (--allow-weak)");
    }
    event
}

/// Adds `more` to an event's detail.
fn with_detail(event: Event, more: &str) -> Event {
    let detail = match &event.detail {
        Some(d) => format!("{d}; {more}"),
        None => more.to_string(),
    };
    event.detail(detail)
}

/// A credential as shown to operators: never the password, the hash only on
/// request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialView {
    pub security_id: String,
    pub username: String,
    /// The application, for an application's credential (or, in `list
    /// --app`, the application that inherits a shared one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// Where a shared credential is held (`project shop, environment
    /// staging`); absent for an application's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub hash_scheme: &'static str,
    pub created_at: String,
    pub updated_at: String,
    /// When it stops being published; `None`: never.
    pub expires_at: Option<String>,
    /// `active`, or `expired` (never published again).
    pub status: &'static str,
    /// For applications with external routing: what to attach to the router
    /// through the file provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middleware: Option<String>,
    /// The same through every provider that serves the application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub middleware_refs: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<String>,
    /// A shared credential's applications that accept it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applications: Option<Vec<String>>,
    /// A shared credential's applications that do not, each with why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_reached: Option<Vec<String>>,
    /// A generated password, shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl CredentialView {
    /// The view of a credential of `holder`, whose applications the sinks
    /// of `providers` serve.
    pub fn of(holder: &Holder, c: &Credential, providers: &[&str]) -> Self {
        match holder {
            Holder::App(app) => CredentialView::new(app, c, providers),
            Holder::Shared(reach) => CredentialView {
                scope: Some(reach.describe()),
                applications: Some(reach.reached().map(|a| a.app_name.clone()).collect()),
                not_reached: Some(reach.not_reached()),
                ..CredentialView::bare(c.clone(), &now())
            },
        }
    }

    /// The fields every view has, taken from `c`, with its status at `now`.
    fn bare(c: Credential, now: &str) -> Self {
        CredentialView {
            status: status(&c, now),
            hash_scheme: Scheme::name_of(&c.password_hash),
            security_id: c.security_id,
            username: c.username,
            application_id: None,
            app_name: None,
            scope: None,
            created_at: c.created_at,
            updated_at: c.updated_at,
            expires_at: c.expires_at,
            middleware: None,
            middleware_refs: None,
            applications: None,
            not_reached: None,
            password_hash: None,
            password: None,
        }
    }

    /// The view of a credential of `app`, which the sinks of `providers`
    /// serve.
    pub fn new(app: &Application, c: &Credential, providers: &[&str]) -> Self {
        let external = !app.has_managed_routing();
        CredentialView {
            application_id: Some(c.application_id.clone()),
            app_name: Some(app.app_name.clone()),
            middleware: external.then(|| app.middleware_reference()),
            middleware_refs: external.then(|| app.middleware_references(providers)),
            ..CredentialView::bare(c.clone(), &now())
        }
    }
}

/// A credential's status at `now`.
fn status(c: &Credential, now: &str) -> &'static str {
    if c.is_expired(now) {
        "expired"
    } else {
        "active"
    }
}

fn username_not_found(app: &Application, username: &str) -> Error {
    Error::not_found(format!(
        "username '{}' not found for application '{}'",
        printable(username),
        app.app_name
    ))
}

fn username_taken(app: &Application, username: &str) -> Error {
    Error::conflict(format!(
        "username '{}' already exists for application '{}'",
        printable(username),
        app.app_name
    ))
}

fn find(
    conn: &rusqlite::Connection,
    actor: &crate::auth::Actor,
    selector: &Selector,
    access: Access,
) -> Result<(Holder, Credential)> {
    match selector {
        Selector::Id(id) => match shared::by_id(conn, id)? {
            Some(found) if found.scope.org_id == actor.org_id => {
                let reach = Reach::of(conn, found.scope)?;
                crate::domain::shared::authorize(conn, actor, &reach, access, || {
                    actor.credential_not_found(id)
                })?;
                Ok((Holder::Shared(reach), found.credential))
            }
            // Another organization's is not found, as any missing one.
            Some(_) => Err(actor.credential_not_found(id)),
            None => {
                let (app, credential) = actor.authorize_credential(conn, id, access)?;
                Ok((Holder::App(app), credential))
            }
        },
        Selector::Name { app, username } => {
            let app = actor.authorize_app(conn, app, access)?;
            let credential = credentials::by_username(conn, &app.application_id, username)?
                .ok_or_else(|| username_not_found(&app, username))?;
            Ok((Holder::App(app), credential))
        }
        Selector::Shared { scope, username } => {
            let found = crate::domain::shared::find_scope(conn, actor, scope)?;
            let reach = Reach::of(conn, found)?;
            let missing = || {
                Error::not_found(format!(
                    "username '{}' not found in {}",
                    printable(username),
                    reach.describe()
                ))
            };
            crate::domain::shared::authorize(conn, actor, &reach, access, missing)?;
            let credential = shared::by_username(conn, &reach.scope, username)?
                .ok_or_else(missing)?
                .credential;
            Ok((Holder::Shared(reach), credential))
        }
    }
}

/// What the application `app_ref` accepts for the password of a new
/// credential `username`, before the password is read or hashed (see
/// [`password`]). A read: what the application refuses (a chosen password
/// in a fast-auth application) changes nothing, not even the audit log; a
/// denial is audited as `create` would audit it.
fn accepted_for_create(
    session: &Session,
    owner: &Owner,
    username: &str,
    origin: Origin,
    request: Request,
) -> Result<Accepted> {
    session.read(owner.event("security.create", username), |conn, actor| {
        match owner {
            Owner::App(app_ref) => {
                let app = actor.authorize_app(conn, app_ref, Access::Write)?;
                Accepted::of(conn, app, username, origin, request)
            }
            Owner::Shared(scope) => {
                actor.require_manager("create shared credentials")?;
                // The scope may not exist yet: `create` makes it.
                let apps = match shared::scope(
                    conn,
                    &actor.org_id,
                    &scope.project,
                    scope.environment.as_deref(),
                )? {
                    Some(found) => found.apps(conn)?,
                    None => Vec::new(),
                };
                Accepted::shared(conn, scope.describe(), &apps, username, request)
            }
        }
    })
}

/// [`accepted_for_create`] for a new password of an existing credential,
/// which may get `new_username` at the same time.
fn accepted_for_update(
    session: &Session,
    selector: &Selector,
    new_username: Option<&str>,
    origin: Origin,
    request: Request,
) -> Result<Accepted> {
    session.read(selector.audit_event("security.update"), |conn, actor| {
        let (holder, credential) = find(conn, actor, selector, Access::Write)?;
        let username = new_username.unwrap_or(&credential.username);
        match holder {
            Holder::App(app) => Accepted::of(conn, app, username, origin, request),
            Holder::Shared(reach) => {
                Accepted::shared(conn, reach.describe(), &reach.apps, username, request)
            }
        }
    })
}

/// When a credential expires: `in` from now, or `at` (RFC 3339). Refused in
/// the past. Returns the stored form.
pub fn expiry(
    expires_in: Option<Duration>,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Option<String>> {
    let at_now = crate::clock::now();
    let at = match (expires_in, expires_at) {
        (None, None) => return Ok(None),
        (Some(d), _) => chrono::TimeDelta::from_std(d)
            .ok()
            .and_then(|d| at_now.checked_add_signed(d))
            .ok_or_else(|| Error::bad_request("the expiry is too far in the future"))?,
        (None, Some(at)) => at,
    };
    if at <= at_now {
        return Err(Error::bad_request(format!(
            "the expiry {} is not in the future",
            timestamp(at)
        ))
        .remedy(Remedy::ExpiryInFuture));
    }
    Ok(Some(timestamp(at)))
}

/// What a new credential is given to: an application (its id or app
/// name), or a project or environment whose applications share it.
#[derive(Debug, Clone)]
pub enum Owner {
    App(String),
    Shared(ScopeRef),
}

impl Owner {
    fn event(&self, action: &str, username: &str) -> Event {
        match self {
            Owner::App(app) => Event::new(action).target("application", app),
            Owner::Shared(scope) => Event::new(action).target("project", &scope.project),
        }
        .username(username)
    }
}

/// A credential to create, as a command gives it.
pub struct NewCredential {
    pub owner: Owner,
    pub username: String,
    /// Where its password comes from.
    pub source: Source,
    pub request: Request,
    pub expiry: Expiry,
}

/// When a credential expires, as a command gives it: after a while, or at
/// a time (at most one of them).
#[derive(Debug, Clone, Copy, Default)]
pub struct Expiry {
    pub expires_in: Option<Duration>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Expiry {
    /// Whether an expiry is given.
    pub fn is_given(&self) -> bool {
        self.expires_in.is_some() || self.expires_at.is_some()
    }

    /// The stored form of the expiry given, if any (see [`expiry`]).
    fn stored(&self) -> Result<Option<String>> {
        expiry(self.expires_in, self.expires_at)
    }
}

/// What [`create_with`] or [`update_with`] wrote, in the session that wrote
/// it (a dry run's previews and the warnings are there).
pub struct Written {
    pub session: Session,
    pub holder: Holder,
    pub credential: Credential,
    /// The new password, when authgate generated it: a real run shows it
    /// once; a dry run set none.
    pub generated: Option<Secret>,
}

/// `create`, whole: reads the password (before the registry is opened, so
/// that bad input touches nothing; from the prompt only once the
/// application is known to take a password typed in), asks what the
/// application accepts, has the password taken (judged, hashed before the
/// write lock) and writes the credential.
pub fn create_with(
    options: &Options,
    new: NewCredential,
    console: &dyn Console,
) -> Result<Written> {
    validate::username(&new.username)?;
    if let Owner::Shared(scope) = &new.owner {
        scope.check()?;
    }
    let expires_at = new.expiry.stored()?;
    let input = Input::read(new.source, &new.request, console)?;
    let mut session = Session::open(options)?;
    let accepted = accepted_for_create(
        &session,
        &new.owner,
        &new.username,
        input.origin(),
        new.request,
    )?;
    let taken = accepted.take(&session, input, console)?.made()?;
    let (holder, credential) = match &new.owner {
        Owner::App(app_ref) => {
            let (app, credential) = create(
                &mut session,
                app_ref,
                &new.username,
                taken.password,
                expires_at,
            )?;
            (Holder::App(app), credential)
        }
        Owner::Shared(scope) => create_shared(
            &mut session,
            scope,
            &new.username,
            taken.password,
            expires_at,
        )?,
    };
    if let Some(cost) = &taken.request_cost {
        console.tell(cost);
    }
    Ok(Written {
        session,
        holder,
        credential,
        generated: taken.secret.is_generated().then_some(taken.secret),
    })
}

/// A change to a credential, as a command gives it.
pub struct CredentialChange {
    pub selector: Selector,
    pub new_username: Option<String>,
    /// Where a new password comes from, if one is set.
    pub source: Option<Source>,
    pub request: Request,
    pub expiry: Expiry,
    /// Never expire from now on.
    pub no_expiry: bool,
}

/// `update`, whole, as [`create_with`] does `create`.
pub fn update_with(
    options: &Options,
    change: CredentialChange,
    console: &dyn Console,
) -> Result<Written> {
    let new_expiry = match (change.no_expiry, change.expiry.stored()?) {
        (true, _) => Some(None),
        (false, Some(at)) => Some(Some(at)),
        (false, None) => None,
    };
    let new_username = change.new_username.as_deref();
    check_update(new_username, change.source.is_some(), new_expiry.is_some())?;
    let input = match change.source {
        Some(source) => Some(Input::read(source, &change.request, console)?),
        None => None,
    };
    let mut session = Session::open(options)?;
    let taken = match input {
        Some(input) => {
            let accepted = accepted_for_update(
                &session,
                &change.selector,
                new_username,
                input.origin(),
                change.request,
            )?;
            Some(accepted.take(&session, input, console)?.made()?)
        }
        None => None,
    };
    let (password, secret, request_cost) = match taken {
        Some(t) => (Some(t.password), Some(t.secret), t.request_cost),
        None => (None, None, None),
    };
    let (holder, credential) = update(
        &mut session,
        &change.selector,
        new_username,
        password,
        new_expiry,
    )?;
    if let Some(cost) = &request_cost {
        console.tell(cost);
    }
    Ok(Written {
        session,
        holder,
        credential,
        generated: secret.filter(Secret::is_generated),
    })
}

/// Adds a credential to an application.
pub fn create(
    session: &mut Session,
    app_ref: &str,
    username: &str,
    password: NewPassword,
    expires_at: Option<String>,
) -> Result<(Application, Credential)> {
    validate::username(username)?;
    let on_failure = Event::new("security.create")
        .target("application", app_ref)
        .username(username);
    session.write_publishing(
        |conn| Publishes::app(conn, app_ref),
        on_failure,
        |m| {
            let app = m.actor.authorize_app(m.conn(), app_ref, Access::Write)?;
            password::hashing::fits(&app, &password.hash)?;
            refuse_app_username(m.conn(), &app, username, None)?;
            accepted::refuse_over_quota(m.conn(), &app, 1)?;
            let credential =
                new_credential(app.application_id.clone(), username, password, expires_at);
            credentials::insert(m.conn(), &credential)?;
            m.audit(&creation_detail(
                Event::new("security.create").credential(&credential),
                &credential,
            ))?;
            m.publish(&app)?;
            Ok((app, credential))
        },
    )
}

/// Adds a credential that every application of a project, or of one
/// environment of it, accepts: one unit of work that publishes each of
/// them. The project and environment are made when missing.
pub fn create_shared(
    session: &mut Session,
    scope: &ScopeRef,
    username: &str,
    password: NewPassword,
    expires_at: Option<String>,
) -> Result<(Holder, Credential)> {
    validate::username(username)?;
    scope.check()?;
    let org_id = session.actor.org_id.clone();
    let owner = Owner::Shared(scope.clone());
    session
        .write_publishing(
            |conn| {
                Ok(Publishes::Apps(crate::domain::shared::app_names(
                    conn, &org_id, scope,
                )?))
            },
            owner.event("security.create", username),
            |m| {
                m.actor.require_manager("create shared credentials")?;
                let found = crate::domain::shared::ensure_scope(m.conn(), m.actor, scope)?;
                let reach = Reach::of(m.conn(), found)?;
                password::hashing::fits_shared(&password.hash)?;
                accepted::refuse_shared_duplicate(
                    m.conn(),
                    &reach.scope,
                    &reach.apps,
                    username,
                    None,
                )?;
                accepted::refuse_over_quotas(m.conn(), &reach.apps, &m.actor.org_id, 1)?;
                // A shared credential has no application of its own.
                let credential = new_credential(String::new(), username, password, expires_at);
                shared::insert(
                    m.conn(),
                    &shared::Shared {
                        credential: credential.clone(),
                        scope: reach.scope.clone(),
                    },
                )?;
                let holder = Holder::Shared(reach);
                m.audit(&creation_detail(
                    holder.event("security.create", &credential),
                    &credential,
                ))?;
                holder.publish(m)?;
                Ok((holder, credential))
            },
        )
        .inspect(|(holder, _)| {
            if let Holder::Shared(reach) = holder
                && reach.apps.is_empty()
            {
                session.warnings.borrow_mut().push(format!(
                    "{} holds no application yet: the credential reaches each one added there",
                    reach.describe()
                ));
            }
        })
}

/// Looks a credential up. With `with_hash`, the caller must be allowed to
/// change it: a hash (an unsalted `{SHA}` one above all) is worth cracking.
pub fn show(
    session: &Session,
    selector: &Selector,
    with_hash: bool,
) -> Result<(Holder, Credential)> {
    let access = if with_hash {
        Access::Write
    } else {
        Access::Read
    };
    session.read(selector.audit_event("security.show"), |conn, actor| {
        find(conn, actor, selector, access)
    })
}

/// Checks an update request before anything is opened: something must
/// change, and a new username must be valid.
pub fn check_update(
    new_username: Option<&str>,
    new_password: bool,
    new_expiry: bool,
) -> Result<()> {
    if new_username.is_none() && !new_password && !new_expiry {
        return Err(Error::bad_request(
            "nothing to update: give a new username, a new password or a new expiry",
        )
        .remedy(Remedy::CredentialChange));
    }
    if let Some(name) = new_username {
        validate::username(name)?;
    }
    Ok(())
}

/// Renames a credential, replaces its hash, and/or changes its expiry
/// (`Some(None)`: never expires).
pub fn update(
    session: &mut Session,
    selector: &Selector,
    new_username: Option<&str>,
    new_password: Option<NewPassword>,
    new_expiry: Option<Option<String>>,
) -> Result<(Holder, Credential)> {
    check_update(new_username, new_password.is_some(), new_expiry.is_some())?;
    let org_id = session.actor.org_id.clone();
    session.write_publishing(
        |conn| selector.publishes(conn, &org_id),
        selector.audit_event("security.update"),
        |m| {
            let (holder, mut credential) = find(m.conn(), m.actor, selector, Access::Write)?;
            if let Some(new) = &new_password {
                match &holder {
                    Holder::App(app) => password::hashing::fits(app, &new.hash)?,
                    Holder::Shared(_) => password::hashing::fits_shared(&new.hash)?,
                }
            }
            let mut changes = Vec::new();
            if let Some(name) = new_username.filter(|n| *n != credential.username) {
                holder.refuse_username(m.conn(), name, Some(&credential.security_id))?;
                changes.push(format!(
                    "username changed from '{}' to '{}'",
                    printable(&credential.username),
                    printable(name)
                ));
                credential.username = name.to_string();
            }
            if let Some(password) = new_password {
                credential.weak = password.is_weak();
                changes.push(if credential.weak {
                    "password changed (weak password allowed, --allow-weak)".to_string()
                } else {
                    "password changed".to_string()
                });
                credential.password_hash = password.hash.into_hash();
            }
            if let Some(expiry) = new_expiry {
                if expiry != credential.expires_at {
                    changes.push(match &expiry {
                        Some(at) => format!("expires at {at}"),
                        None => "never expires".to_string(),
                    });
                }
                credential.expires_at = expiry;
                // A new expiry is a new chance to be published.
                credential.withdrawn_at = None;
            }
            if changes.is_empty() {
                return Err(Error::bad_request(format!(
                    "nothing to update: '{}' already has that username and expiry",
                    printable(&credential.username)
                )));
            }
            credential.updated_at = now();
            holder.store(m.conn(), &credential)?;
            m.audit(&with_detail(
                holder.event("security.update", &credential),
                &changes.join("; "),
            ))?;
            holder.publish(m)?;
            Ok((holder, credential))
        },
    )
}

/// What a deletion did.
pub struct Deleted {
    pub holder: Holder,
    pub credential: Credential,
    /// The applications that accepted it and now accept no credential.
    pub emptied: Vec<Application>,
}

/// Deletes a credential. With `ignore_not_found`, a credential that is not
/// there is not an error (`Ok(None)`).
pub fn delete(
    session: &mut Session,
    selector: &Selector,
    ignore_not_found: bool,
) -> Result<Option<Deleted>> {
    let org_id = session.actor.org_id.clone();
    session.write_publishing(
        |conn| selector.publishes(conn, &org_id),
        selector.audit_event("security.delete"),
        |m| {
            let (holder, credential) = match find(m.conn(), m.actor, selector, Access::Write) {
                Ok(found) => found,
                // Nothing to delete is the success a script asked for: audited
                // as a no-op, not as a denial. Another organization's credential
                // gets the same answer as a missing one.
                Err(e) if ignore_not_found && e.code() == ErrorCode::NotFound => {
                    m.audit(&selector.audit_event("security.delete").detail(format!(
                        "nothing deleted ({e}); not found is not an error here"
                    )))?;
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            match &holder {
                Holder::App(_) => credentials::delete(m.conn(), &credential.security_id)?,
                Holder::Shared(_) => shared::delete(m.conn(), &credential.security_id)?,
            }
            m.audit(&holder.event("security.delete", &credential))?;
            holder.publish(m)?;
            let mut emptied = Vec::new();
            for app in holder.reached() {
                if accepted::count(m.conn(), app)? == 0 {
                    emptied.push(app.clone());
                }
            }
            Ok(Some(Deleted {
                holder,
                credential,
                emptied,
            }))
        },
    )
}

/// What `list` selects.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListFilter<'a> {
    /// One application (id or app name).
    pub app: Option<&'a str>,
    /// Only credentials not changed for this long.
    pub older_than: Option<Duration>,
    /// Only credentials that have expired.
    pub expired: bool,
    /// Only credentials that expire within this long (or have expired).
    pub expiring_within: Option<Duration>,
    /// Only the credentials a project (or one environment of it) shares.
    pub scope: Option<&'a ScopeRef>,
}

/// What a listing holds, said before its rows.
pub struct ListHead {
    /// The applications among them that mix hash schemes.
    pub mixed: Vec<String>,
    /// Whether shared credentials may be among the rows (their `scope` is
    /// set).
    pub shared: bool,
}

/// The credentials the caller may see, sorted by application then username,
/// and the applications among them that mix hash schemes: `print` gets
/// both, the credentials as they are read from the database, so that a
/// listing of any length is printed without being collected. (The mixed
/// applications come first, from a lighter pass over the same rows, so that
/// their warnings can precede the data.) A database error in the middle of
/// the rows ends the iteration early and is returned after `print`.
pub fn list<R>(
    session: &Session,
    filter: &ListFilter<'_>,
    print: impl FnOnce(&ListHead, &mut dyn Iterator<Item = CredentialView>) -> Result<R>,
) -> Result<R> {
    let mut on_denial = Event::new("security.list");
    if let Some(app) = filter.app {
        on_denial = on_denial.target("application", app);
    }
    if let Some(scope) = filter.scope {
        on_denial = on_denial.target("project", &scope.project);
    }
    session.read(on_denial, |conn, actor| {
        let app = filter
            .app
            .map(|r| actor.authorize_app(conn, r, Access::Read))
            .transpose()?;
        let scope = filter
            .scope
            .map(|s| crate::domain::shared::find_scope(conn, actor, s))
            .transpose()?;
        let at_now = crate::clock::now();
        let ago = |d: Duration| {
            chrono::TimeDelta::from_std(d)
                .ok()
                .and_then(|d| at_now.checked_sub_signed(d))
                .map(timestamp)
                .ok_or_else(|| {
                    Error::bad_request("the age is too large").remedy(Remedy::SmallerAge)
                })
        };
        let ahead = |d: Duration| {
            chrono::TimeDelta::from_std(d)
                .ok()
                .and_then(|d| at_now.checked_add_signed(d))
                .map(timestamp)
                .ok_or_else(|| Error::bad_request("the duration is too large"))
        };
        let cutoff = filter.older_than.map(ago).transpose()?;
        let expiring_by = match (filter.expired, filter.expiring_within) {
            (true, _) => Some(timestamp(at_now)),
            (false, Some(d)) => Some(ahead(d)?),
            (false, None) => None,
        };
        let now = timestamp(at_now);
        let selected = |c: &Credential| {
            cutoff.as_ref().is_none_or(|at| c.updated_at < *at)
                && expiring_by
                    .as_ref()
                    .is_none_or(|by| c.expires_at.as_ref().is_some_and(|at| at <= by))
        };
        // The shared credentials listed after the applications' own: those
        // an application inherits (`--app`), those of the organization the
        // caller may see, or only a scope's.
        let shared_rows: Vec<CredentialView> = match (&app, &scope) {
            (Some(app), _) if app.fast_auth => Vec::new(),
            (Some(app), _) => shared::inherited_by(conn, app)?
                .into_iter()
                .filter(|s| selected(&s.credential))
                .map(|s| CredentialView {
                    application_id: Some(app.application_id.clone()),
                    app_name: Some(app.app_name.clone()),
                    scope: Some(s.scope.describe()),
                    ..CredentialView::bare(s.credential, &now)
                })
                .collect(),
            (None, scope) => {
                shared::list(conn, &actor.org_id, actor.grant_filter(), scope.as_ref())?
                    .into_iter()
                    .filter(|s| selected(&s.credential))
                    .map(|s| CredentialView {
                        scope: Some(s.scope.describe()),
                        ..CredentialView::bare(s.credential, &now)
                    })
                    .collect()
            }
        };
        let head_shared = !shared_rows.is_empty();
        if scope.is_some() {
            let head = ListHead {
                mixed: Vec::new(),
                shared: true,
            };
            return print(&head, &mut shared_rows.into_iter());
        }
        let selection = credentials::Selection {
            org_id: &actor.org_id,
            granted_to: actor.grant_filter(),
            app: app.as_ref().map(|a| a.application_id.as_str()),
            updated_before: cutoff.as_deref(),
            expiring_by: expiring_by.as_deref(),
        };
        let mut schemes = MixedSchemes::default();
        credentials::list_hashes(conn, &selection, |app_name, hash| {
            schemes.add(app_name, hash)
        })?;
        let head = ListHead {
            mixed: schemes.apps(),
            shared: head_shared,
        };
        let mut failure = None;
        let printed = credentials::list_with(conn, &selection, |rows| {
            let mut views = rows
                .map_while(|row| match row {
                    Ok(mut row) => Some(CredentialView {
                        application_id: Some(std::mem::take(&mut row.credential.application_id)),
                        app_name: Some(row.app_name),
                        ..CredentialView::bare(row.credential, &now)
                    }),
                    Err(e) => {
                        failure = Some(e);
                        None
                    }
                })
                .chain(shared_rows);
            print(&head, &mut views)
        });
        match failure {
            Some(e) => Err(e),
            None => printed,
        }
    })
}

/// A credential that `expire` withdrew from what Traefik is given.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Withdrawn {
    pub security_id: String,
    pub username: String,
    pub application_id: String,
    pub app_name: String,
    pub expires_at: String,
    /// The application has no active credential left: it answers 401 to
    /// everyone until a credential is added, or is public once they are
    /// deleted (unless it is private).
    pub locked: bool,
    /// The application is private: deleting its credentials keeps it closed.
    #[serde(skip)]
    pub private: bool,
}

/// `authgate expire`, for cron: publishes again exactly the applications
/// with a credential whose expiry has passed since they were last
/// published, and audits each withdrawn credential as `credential.expired`
/// in its application's organization. An installation-wide operation, like
/// `sync`. With nothing due it is one indexed query and takes no write
/// lock; run twice, the second run finds nothing.
pub fn expire(session: &mut Session) -> Result<Vec<Withdrawn>> {
    let now = now();
    let due = session.read(Event::new("expire"), |conn, actor| {
        actor.require_installation_owner(conn, "withdraw expired credentials")?;
        applications::due_for_expiry(conn, &now)
    })?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let declared = Publishes::Apps(due.iter().map(|(app, _)| app.app_name.clone()).collect());
    session.write_publishing(
        |_| Ok(declared),
        Event::new("expire"),
        |m| {
            let mut withdrawn = Vec::new();
            for (app, since) in applications::due_for_expiry(m.conn(), &now)? {
                // Due since the look before the write lock: the next run's.
                if !m.declares(&app.app_name) {
                    continue;
                }
                let credentials = accepted::credentials(m.conn(), &app)?;
                let locked = credentials.iter().all(|c| c.is_expired(&now));
                for c in &credentials {
                    let Some(at) = c.expires_at.as_deref() else {
                        continue;
                    };
                    // Published last time (expiring at or after the recorded
                    // next expiry), expired now.
                    if at < since.as_str() || at > now.as_str() {
                        continue;
                    }
                    m.audit_in(
                        &app.org_id,
                        &Event::new("credential.expired")
                            .credential(c)
                            .detail(format!(
                                "expired at {at}; withdrawn from Traefik{}",
                                if locked {
                                    ", and the application is locked"
                                } else {
                                    ""
                                }
                            )),
                    )?;
                    withdrawn.push(Withdrawn {
                        security_id: c.security_id.clone(),
                        username: c.username.clone(),
                        application_id: app.application_id.clone(),
                        app_name: app.app_name.clone(),
                        expires_at: at.to_string(),
                        locked,
                        private: app.private,
                    });
                }
                m.publish(&app)?;
            }
            Ok(withdrawn)
        },
    )
}

/// What an import does, or would do with `--dry-run`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub application_id: String,
    pub app_name: String,
    pub added: usize,
    pub replaced: usize,
    /// Entries whose username already exists with the identical hash.
    pub skipped: usize,
    pub dry_run: bool,
}

/// The line number a problem of [`scheme::read_htpasswd`] starts with.
fn line_of(problem: &str) -> usize {
    problem
        .strip_prefix("line ")
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A fast-auth application takes no imported hash: a hash says nothing of
/// how strong its password is, and the fast hash it would be checked with
/// is safe only for authgate's long generated secrets.
fn refuse_import(app: &Application) -> Result<()> {
    if app.fast_auth {
        return Err(password::hashing::fast_auth_refusal(
            app,
            &format!("it holds only secrets authgate generated, of at least {} characters, since Traefik checks them with a fast hash ({{SHA}}); an imported hash could stand for any password", password::secret::FAST_AUTH_MIN_LENGTH),
        )
        .remedy(Remedy::FastAuthImport));
    }
    Ok(())
}

/// Imports htpasswd entries into an application, all or nothing, in one
/// transaction and one file write. Hashes are kept exactly as given.
/// Existing usernames with a different hash are refused unless `replace`.
/// Every problem of the input is said at once, before the write (so that a
/// refusal changes nothing): lines that do not parse, hashes too costly,
/// usernames that exist or look like others; and a fast-auth application
/// refuses every import. A dry run of the session reports what it would
/// do. `progress` counts the entries checked, then the credentials written.
pub fn import(
    session: &mut Session,
    app_ref: &str,
    htpasswd: &Htpasswd,
    replace: bool,
    progress: &dyn Progress,
) -> Result<ImportReport> {
    let dry_run = session.dry_run;
    let event = Event::new("security.import").target("application", app_ref);
    session.read(event.clone(), |conn, actor| {
        let app = actor.authorize_app(conn, app_ref, Access::Write)?;
        refuse_import(&app)?;
        plan_import(
            conn,
            &app,
            htpasswd,
            replace,
            &crate::domain::progress::Silent,
        )
        .map(|_| ())
    })?;
    session.write_publishing(
        |conn| Publishes::app(conn, app_ref),
        event,
        |m| {
            let app = m.actor.authorize_app(m.conn(), app_ref, Access::Write)?;
            refuse_import(&app)?;
            // Again under the write lock: another writer may have come between.
            let (counts, changes) = plan_import(m.conn(), &app, htpasswd, replace, progress)?;
            let report = ImportReport {
                application_id: app.application_id.clone(),
                app_name: app.app_name.clone(),
                dry_run,
                ..counts
            };
            accepted::refuse_over_quota(m.conn(), &app, report.added as u64)?;
            let at = now();
            progress.start(changes.len() as u64, "importing credentials");
            for (entry, existing) in changes {
                progress.advance(1);
                let (action, credential) = match existing {
                    None => {
                        let c = Credential {
                            security_id: new_id(),
                            application_id: app.application_id.clone(),
                            username: entry.username.clone(),
                            password_hash: entry.hash.clone(),
                            created_at: at.clone(),
                            updated_at: at.clone(),
                            expires_at: None,
                            weak: false,
                            withdrawn_at: None,
                        };
                        credentials::insert(m.conn(), &c)?;
                        ("security.create", c)
                    }
                    Some(mut c) => {
                        c.password_hash = entry.hash.clone();
                        c.updated_at = at.clone();
                        credentials::update(m.conn(), &c)?;
                        ("security.update", c)
                    }
                };
                m.audit(
                    &Event::new(action)
                        .credential(&credential)
                        .detail(format!("imported ({} hash)", entry.scheme.as_str())),
                )?;
            }
            m.audit(
                &Event::new("security.import")
                    .target("application", &app.application_id)
                    .application(&app.application_id)
                    .detail(format!(
                        "{} added, {} replaced, {} skipped",
                        report.added, report.replaced, report.skipped
                    )),
            )?;
            m.publish(&app)?;
            progress.finish();
            Ok(report)
        },
    )
}

/// What an import of `htpasswd` into `app` does (the counts, and each entry
/// with the credential it replaces), or every problem it has, at once.
#[allow(clippy::type_complexity)]
fn plan_import<'e>(
    conn: &rusqlite::Connection,
    app: &Application,
    htpasswd: &'e Htpasswd,
    replace: bool,
    progress: &dyn Progress,
) -> Result<(
    ImportReport,
    Vec<(&'e scheme::HtpasswdEntry, Option<Credential>)>,
)> {
    let entries = &htpasswd.entries;
    let mut report = ImportReport::default();
    // Every problem of every line, said at once: (line, problem).
    let mut problems: Vec<(usize, String)> = htpasswd
        .problems
        .iter()
        .map(|p| (line_of(p), p.clone()))
        .collect();
    let limit = password::cost::cost_cap(conn)?;
    for e in entries {
        if let Some(cost) = scheme::bcrypt_cost(&e.hash).filter(|c| *c > limit) {
            problems.push((e.line, format!(
                "line {}: username '{}' has a bcrypt hash of cost {cost}, above this installation's limit of {limit} (Traefik verifies the hash on every request, even one with an unknown username, and each step doubles its CPU time)",
                e.line,
                printable(&e.username)
            )));
        }
    }
    let input_refused = !problems.is_empty();
    let (mut conflicts, mut inherited) = (0, 0);
    let mut changes = Vec::new();
    let inherited_usernames = accepted::inherited_usernames(conn, app, None)?;
    progress.start(entries.len() as u64, "checking usernames");
    for entry in entries {
        progress.advance(1);
        if let Some(scope) = inherited_usernames.get(&entry.username) {
            inherited += 1;
            let e = accepted::inherited_conflict(app, &entry.username, scope);
            problems.push((entry.line, format!("line {}: {e}", entry.line)));
            continue;
        }
        match credentials::by_username(conn, &app.application_id, &entry.username)? {
            None => {
                report.added += 1;
                changes.push((entry, None));
            }
            Some(existing) if existing.password_hash == entry.hash => report.skipped += 1,
            Some(existing) if replace => {
                report.replaced += 1;
                changes.push((entry, Some(existing)));
            }
            Some(_) => {
                conflicts += 1;
                problems.push((
                    entry.line,
                    format!(
                        "line {}: username '{}' already exists in '{}' (--replace overwrites it)",
                        entry.line,
                        printable(&entry.username),
                        app.app_name
                    ),
                ));
            }
        }
    }
    // New usernames that look like one the application accepts, or
    // like an earlier line: `--replace` does not help with these.
    let mut usernames = accepted::Usernames::of(conn, app, None)?;
    let mut lookalikes = 0;
    for (entry, existing) in &changes {
        if existing.is_none() {
            if let Err(e) = usernames.refuse_lookalike(app, &entry.username) {
                lookalikes += 1;
                problems.push((entry.line, format!("line {}: {e}", entry.line)));
            }
            usernames.add(&entry.username);
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(line, _)| *line);
        let listed: Vec<&str> = problems.iter().map(|(_, p)| p.as_str()).collect();
        let message = format!(
            "{} problem(s) in the htpasswd input for '{}'; nothing was imported:\n  {}",
            problems.len(),
            app.app_name,
            listed.join("\n  ")
        );
        // Bad input first (exit 2); only duplicates: a conflict (5).
        return Err(if input_refused {
            Error::bad_request(message)
        } else if conflicts > 0 && lookalikes == 0 && inherited == 0 {
            Error::conflict(message).remedy(Remedy::ReplaceExisting)
        } else {
            Error::conflict(message)
        });
    }
    Ok((report, changes))
}

/// An application's own credentials with their hashes, for `export`
/// (with `include_inherited`, every credential it accepts: the shared ones
/// too, as ordinary lines). Audited.
pub fn export(
    session: &mut Session,
    app_ref: &str,
    format: &str,
    include_inherited: bool,
) -> Result<(Application, Vec<Credential>)> {
    session.write(
        Event::new("security.export").target("application", app_ref),
        |m| {
            // Hashes leave authgate here: only those who may change them.
            let app = m.actor.authorize_app(m.conn(), app_ref, Access::Write)?;
            let list = if include_inherited {
                accepted::credentials(m.conn(), &app)?
            } else {
                credentials::of_app(m.conn(), &app.application_id)?
            };
            m.audit(
                &Event::new("security.export")
                    .target("application", &app.application_id)
                    .application(&app.application_id)
                    .detail(format!(
                        "{} credential(s) as {format}{}",
                        list.len(),
                        if include_inherited {
                            ", inherited ones included"
                        } else {
                            ""
                        }
                    )),
            )?;
            Ok((app, list))
        },
    )
}

/// The Traefik file of an exported application, as the watched directory
/// would hold it now.
pub fn traefik_yaml(app: &Application, list: &[Credential]) -> Result<String> {
    match crate::traefik::render(app, list, &now()) {
        Some(config) => crate::traefik::to_yaml(app, &config),
        None => Err(Error::not_found(format!(
            "application '{}' has no Traefik configuration: no routing and no credentials",
            app.app_name
        ))),
    }
}

/// Checks a password against a stored hash, like `htpasswd -v`.
pub fn verify(
    session: &Session,
    selector: &Selector,
    password: &str,
) -> Result<(Holder, Credential)> {
    let (holder, credential) = session
        .read(selector.audit_event("security.verify"), |conn, actor| {
            find(conn, actor, selector, Access::Read)
        })?;
    if scheme::verify(password, &credential.password_hash) {
        Ok((holder, credential))
    } else {
        let error = Error::verify_failed(match &holder {
            Holder::App(app) => format!(
                "the password does not match user '{}' of application '{}'",
                printable(&credential.username),
                app.app_name
            ),
            Holder::Shared(reach) => format!(
                "the password does not match user '{}' shared by {}",
                printable(&credential.username),
                reach.describe()
            ),
        });
        // Guessing passwords through verify leaves a trace.
        session.record_failure(holder.event("security.verify", &credential), &error);
        Err(error)
    }
}

pub fn mixed_scheme_warning(app_name: &str) -> String {
    format!(
        "application '{app_name}' mixes hash schemes; Traefik checks unknown usernames against one user's hash, so response times can reveal which usernames exist: rotate its passwords to one scheme"
    )
}
