//! Where things live, who is acting, and how a mutation runs: one write
//! transaction in which the change, its audit row and the application's
//! Traefik file are applied together, or not at all (ARCHITECTURE.md, "The unit of work").

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::auth::{self, Actor};
use crate::domain::passwords;
use crate::error::{Error, Remedy, Result};
use crate::sinks::file::FileSink;
use crate::sinks::{Change, Sink};
use crate::store::audit::{self, Event, Outcome};
use crate::store::sinks as store_sinks;
use crate::store::{Store, applications, security, settings};
use crate::traefik;

pub const DEFAULT_FILE_MODE: u32 = 0o640;

/// Warnings for the operator, collected by the library and printed by the
/// command layer once the command is done.
pub type Warnings = std::rc::Rc<std::cell::RefCell<Vec<String>>>;

/// Locations and identity chosen on the command line or in the environment.
/// `None` means "use the default".
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub db: Option<PathBuf>,
    pub traefik_dir: Option<PathBuf>,
    pub api_key_file: Option<PathBuf>,
    pub org: Option<String>,
    pub warnings: Warnings,
    /// A dry run: every mutation runs as usual but previews instead of
    /// publishing and rolls back, and nothing is recorded (no audit row, no
    /// API key use).
    pub dry_run: bool,
}

fn home() -> Result<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| {
            Error::internal("HOME is not set, so the default locations are unknown")
                .remedy(Remedy::ExplicitLocations)
        })
}

/// An XDG base directory: the variable when it holds an absolute path,
/// else the fallback under HOME.
fn xdg_dir(var: &str, fallback: &str) -> Result<PathBuf> {
    match std::env::var_os(var).map(PathBuf::from) {
        Some(p) if p.is_absolute() => Ok(p),
        _ => Ok(home()?.join(fallback)),
    }
}

pub fn data_dir() -> Result<PathBuf> {
    Ok(xdg_dir("XDG_DATA_HOME", ".local/share")?.join("authgate"))
}

pub fn default_credentials_file() -> Result<PathBuf> {
    Ok(xdg_dir("XDG_CONFIG_HOME", ".config")?
        .join("authgate")
        .join("credentials"))
}

impl Options {
    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => Ok(data_dir()?.join("authgate.db")),
        }
    }

    /// The API key: `--api-key-file`, else `AUTHGATE_API_KEY`, else the
    /// credentials file written by `init`.
    fn api_key(&self) -> Result<String> {
        if let Some(path) = &self.api_key_file {
            return read_key_file(path);
        }
        if let Some(key) = std::env::var("AUTHGATE_API_KEY")
            .ok()
            .filter(|k| !k.is_empty())
        {
            return Ok(key);
        }
        let path = default_credentials_file()?;
        if path.exists() {
            return read_key_file(&path);
        }
        Err(auth::missing_key())
    }
}

/// Reads an API key file, the default credentials file or one given with
/// `--api-key-file` alike: it must not be readable by group or others, as
/// ssh insists for private keys.
fn read_key_file(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::unauthorized(format!("cannot read API key file {}: {e}", path.display()))
    })?;
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(Error::unauthorized(format!(
            "the API key file {} is accessible by other users (mode {:o}); run `chmod 600 {}`",
            path.display(),
            meta.permissions().mode() & 0o777,
            path.display()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::unauthorized(format!("cannot read API key file {}: {e}", path.display()))
    })?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Error::unauthorized(format!(
            "the API key file {} is empty",
            path.display()
        )));
    }
    Ok(key.to_string())
}

/// An authenticated user acting in one organization, with the registry
/// open and the Traefik directory and key-value sinks resolved.
pub struct Session {
    pub store: Store,
    pub actor: Actor,
    /// Where every change is published: the watched directory first, then
    /// each configured sink (connected on first use).
    pub sinks: Vec<Box<dyn Sink>>,
    /// The watched directory, for what is looked at beyond authgate's own
    /// files.
    pub traefik_dir: PathBuf,
    pub warnings: Warnings,
    /// A dry run (see [`Options::dry_run`]).
    pub dry_run: bool,
    /// In a dry run: what the last mutation would have changed in the
    /// sinks, one entry per file or per application's keys in a sink.
    pub previews: Vec<Change>,
}

impl Session {
    pub fn open(options: &Options) -> Result<Session> {
        let mut store = Store::open(&options.db_path()?)?;
        if options.dry_run {
            store.keep_wal_on_close();
        }
        let key = options.api_key()?;
        let user = auth::authenticate(store.conn(), &key, !options.dry_run)?;
        let actor = match auth::actor(store.conn(), &user, options.org.as_deref()) {
            Ok(actor) => actor,
            Err(e) => {
                // Reaching for an organization one is not a member of is a
                // denial too: file it in the user's own active organization.
                if let Some(org) = options.org.as_ref().filter(|_| !options.dry_run) {
                    let who = audit::AuditActor {
                        user_id: Some(&user.user_id),
                        user_name: Some(&user.name),
                        org_id: user.active_org_id.as_deref(),
                    };
                    let event = Event::new("org.access")
                        .target("organization", org)
                        .detail(e.to_string());
                    let _ = audit::record(store.conn(), &who, &event, Outcome::Denied);
                }
                return Err(e);
            }
        };
        let sink = file_sink(store.conn(), options)?;
        // Writing elsewhere than the directory Traefik watches would let a
        // revoked credential live on there: only installation owners may.
        if options.traefik_dir.is_some()
            && settings::get(store.conn(), settings::TRAEFIK_DIR)?.map(PathBuf::from)
                != std::path::absolute(&sink.dir).ok()
        {
            actor.require_installation_owner(
                store.conn(),
                "use another Traefik directory than the registry's",
            )?;
        }
        let traefik_dir = sink.dir.clone();
        let mut all: Vec<Box<dyn Sink>> = vec![Box::new(sink)];
        for row in store_sinks::all(store.conn())? {
            all.push(crate::sinks::configured::open(&row)?);
        }
        let mut session = Session::new(store, actor, all, traefik_dir, options.warnings.clone());
        session.dry_run = options.dry_run;
        Ok(session)
    }

    /// A session over an open registry, for an actor, publishing to `sinks`.
    pub fn new(
        store: Store,
        actor: Actor,
        sinks: Vec<Box<dyn Sink>>,
        traefik_dir: PathBuf,
        warnings: Warnings,
    ) -> Session {
        Session {
            store,
            actor,
            sinks,
            traefik_dir,
            warnings,
            dry_run: false,
            previews: Vec::new(),
        }
    }

    pub fn conn(&self) -> &Connection {
        self.store.conn()
    }

    /// The Traefik providers that serve every application, one per kind of
    /// sink (`file`, and `redis` with a Redis sink): routers of another
    /// provider reference a middleware as `<name>@<provider>`.
    pub fn providers(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for provider in self.sinks.iter().map(|s| s.provider()) {
            if !out.contains(&provider) {
                out.push(provider);
            }
        }
        out
    }

    /// Runs a read. A denial is audited with `on_denial`.
    pub fn read<T>(
        &self,
        on_denial: Event,
        f: impl FnOnce(&Connection, &Actor) -> Result<T>,
    ) -> Result<T> {
        let result = f(self.conn(), &self.actor);
        if let Err(e) = &result
            && e.is_denial()
        {
            self.record_failure(on_denial, e);
        }
        result
    }

    /// Runs a mutation in one write transaction. On success, the change, its
    /// audit rows and the Traefik files it published are committed together.
    /// On failure, everything is rolled back, files it touched are restored
    /// from the committed state, and the failure is audited with `on_failure`.
    /// In a dry run, the sinks preview instead (into `previews`), and the
    /// transaction rolls back whatever the outcome, unaudited.
    pub fn write<T>(
        &mut self,
        on_failure: Event,
        f: impl FnOnce(&mut Mutation<'_>) -> Result<T>,
    ) -> Result<T> {
        let dry_run = self.dry_run;
        let (result, touched, previews) = {
            let mut mutation = Mutation {
                tx: self.store.write_tx()?,
                actor: &self.actor,
                sinks: &self.sinks,
                touched: Vec::new(),
                previews: dry_run.then(Vec::new),
            };
            let result = f(&mut mutation);
            let touched = std::mem::take(&mut mutation.touched);
            let previews = mutation.previews.take();
            let result = match result {
                Ok(value) if !dry_run => mutation.tx.commit().map(|()| value).map_err(Error::from),
                Ok(value) => mutation.tx.rollback().map(|()| value).map_err(Error::from),
                Err(e) => mutation.tx.rollback().map_err(Error::from).and(Err(e)),
            };
            (result, touched, previews)
        };
        if result.is_ok() && !touched.is_empty() {
            self.warn_about_foreign_files();
        }
        if let Some(previews) = previews {
            // A dry run published nothing, so there is nothing to restore,
            // and its failure is not audited (an audit row is a change).
            self.previews = previews.into_iter().filter(|c| !c.is_empty()).collect();
            return result;
        }
        let result = match result {
            Err(e) if !touched.is_empty() => Err(match self.restore(&touched) {
                Ok(()) => e,
                Err(restore) => e.with_note(format!(
                    "the Traefik configuration could not be restored ({restore}): run `authgate sync`"
                )),
            }),
            other => other,
        };
        if let Err(e) = &result {
            self.record_failure(on_failure, e);
        }
        result
    }

    /// One warning when the directory holds a file authgate did not write
    /// that Traefik cannot load (which freezes every change, this one
    /// included) or that routes one of authgate's hosts.
    fn warn_about_foreign_files(&self) {
        let Ok(found) = crate::domain::foreign::scan(self.conn(), &self.traefik_dir) else {
            return;
        };
        let mut paths: Vec<String> = found.iter().map(|f| f.path.display().to_string()).collect();
        paths.dedup();
        if !paths.is_empty() {
            self.warnings.borrow_mut().push(format!(
                "the Traefik directory holds {} file(s) that authgate did not write and that Traefik cannot load or that route authgate's hosts ({}): Traefik may not enforce this change; an installation owner's `authgate check` says what is wrong",
                paths.len(),
                paths.join(", ")
            ));
        }
    }

    /// Puts back what the database says into the sinks a failed mutation
    /// touched, under the write lock so that no other writer interleaves.
    fn restore(&mut self, touched: &[String]) -> Result<()> {
        let tx = self.store.write_tx()?;
        for app_name in touched {
            publish_by_name(&tx, &self.sinks, app_name)?;
        }
        // Nothing changed in the database: dropping the transaction ends it.
        Ok(())
    }

    /// Audits a failed operation, outside any transaction (the operation's
    /// own was rolled back). A dry run records nothing.
    pub(crate) fn record_failure(&self, event: Event, error: &Error) {
        if self.dry_run {
            return;
        }
        let outcome = if error.is_denial() {
            Outcome::Denied
        } else {
            Outcome::Error
        };
        let mut event = event.detail(error.to_string());
        // An attempt that named a visible application by name is filed under
        // that application, so that its members see it in `audit --app`.
        if event.application_id.is_none()
            && event.target_type.as_deref() == Some("application")
            && let Some(target) = &event.target
            && let Ok(Some(app)) = applications::in_org(self.conn(), &self.actor.org_id, target)
        {
            event.application_id = Some(app.application_id);
        }
        // Best effort: a failure to audit must not hide the original error.
        let _ = audit::record(self.conn(), &audit_actor(&self.actor), &event, outcome);
    }
}

pub fn audit_actor(actor: &Actor) -> audit::AuditActor<'_> {
    audit::AuditActor {
        user_id: Some(&actor.user_id),
        user_name: Some(&actor.user_name),
        org_id: Some(&actor.org_id),
    }
}

pub fn bcrypt_cost(conn: &Connection, requested: Option<u32>) -> Result<u32> {
    let cost = match requested {
        Some(c) => c,
        None => settings::get(conn, settings::BCRYPT_COST)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(passwords::DEFAULT_COST),
    };
    passwords::check_cost(cost)?;
    passwords::check_cost_limit(cost, max_bcrypt_cost(conn)?)?;
    Ok(cost)
}

/// The installation's limit on bcrypt costs.
pub fn max_bcrypt_cost(conn: &Connection) -> Result<u32> {
    Ok(settings::get(conn, settings::MAX_BCRYPT_COST)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(passwords::DEFAULT_MAX_COST))
}

/// The watched directory: `--traefik-dir` / `AUTHGATE_TRAEFIK_DIR`, else the
/// one chosen at `init`.
pub fn file_sink(conn: &Connection, options: &Options) -> Result<FileSink> {
    let dir = match &options.traefik_dir {
        Some(dir) => dir.clone(),
        None => settings::get(conn, settings::TRAEFIK_DIR)?
            .map(PathBuf::from)
            .ok_or_else(|| {
                Error::internal("the database has no Traefik directory setting")
                    .remedy(Remedy::TraefikDirectory)
            })?,
    };
    let mode = settings::get(conn, settings::FILE_MODE)?
        .and_then(|m| u32::from_str_radix(&m, 8).ok())
        .unwrap_or(DEFAULT_FILE_MODE);
    Ok(FileSink { dir, mode })
}

/// A mutation in progress: the write transaction, the actor, and the sinks.
pub struct Mutation<'s> {
    pub tx: Transaction<'s>,
    pub actor: &'s Actor,
    sinks: &'s [Box<dyn Sink>],
    touched: Vec<String>,
    /// In a dry run, what publishing would have changed.
    previews: Option<Vec<Change>>,
}

impl Mutation<'_> {
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    pub fn sinks(&self) -> &[Box<dyn Sink>] {
        self.sinks
    }

    /// Records a successful step in the audit log, in the transaction.
    pub fn audit(&self, event: &Event) -> Result<()> {
        audit::record(&self.tx, &audit_actor(self.actor), event, Outcome::Ok)
    }

    /// Records a successful step in another organization's audit log: an
    /// installation-wide operation's effect on that organization's
    /// application, which its members must see.
    pub fn audit_in(&self, org_id: &str, event: &Event) -> Result<()> {
        let actor = audit::AuditActor {
            org_id: Some(org_id),
            ..audit_actor(self.actor)
        };
        audit::record(&self.tx, &actor, event, Outcome::Ok)
    }

    /// Re-renders an application from the state inside the transaction and
    /// publishes it to every sink.
    pub fn publish(&mut self, app: &applications::Application) -> Result<()> {
        self.touch(&app.app_name);
        match &mut self.previews {
            Some(previews) => {
                let config = render_for_sinks(&self.tx, self.sinks, app)?;
                for sink in self.sinks {
                    preview_into(previews, sink.preview(app, config.as_ref())?);
                }
                Ok(())
            }
            None => publish(&self.tx, self.sinks, app),
        }
    }

    /// Removes what the sinks hold for an application that no longer exists
    /// under this name.
    pub fn unpublish(&mut self, app_name: &str) -> Result<()> {
        self.touch(app_name);
        match &mut self.previews {
            Some(previews) => {
                for sink in self.sinks {
                    preview_into(previews, sink.preview_unpublish(app_name)?);
                }
                Ok(())
            }
            None => unpublish(self.sinks, app_name),
        }
    }

    fn touch(&mut self, app_name: &str) {
        if !self.touched.iter().any(|n| n == app_name) {
            self.touched.push(app_name.to_string());
        }
    }
}

/// A dry run's change of one place: a later change of the same place (an
/// application published twice) replaces the earlier one, since the sink
/// still holds what it held before either.
fn preview_into(previews: &mut Vec<Change>, change: Change) {
    match previews.iter_mut().find(|c| c.place() == change.place()) {
        Some(earlier) => *earlier = change,
        None => previews.push(change),
    }
}

/// Renders an application from `conn`'s state and publishes it to every
/// sink, once each has agreed that the application's place is authgate's.
pub fn publish(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    app: &applications::Application,
) -> Result<()> {
    let config = render_for_sinks(conn, sinks, app)?;
    for sink in sinks {
        sink.publish(app, config.as_ref())?;
    }
    Ok(())
}

/// What [`publish`] gives every sink: the application rendered from
/// `conn`'s state, once each sink has agreed that the application's place
/// is authgate's, with the application's next expiry recorded.
fn render_for_sinks(
    conn: &Connection,
    sinks: &[Box<dyn Sink>],
    app: &applications::Application,
) -> Result<Option<traefik::DynamicConfig>> {
    for sink in sinks {
        sink.prepare(&app.app_name)?;
    }
    let credentials = security::of_app(conn, &app.application_id)?;
    let now = crate::store::now();
    let config = traefik::render(app, &credentials, &now);
    // When `authgate expire` must publish it again: the earliest expiry
    // among the credentials published now.
    let next_expiry = credentials
        .iter()
        .filter_map(|c| c.expires_at.as_deref())
        .filter(|at| *at > now.as_str())
        .min();
    applications::set_next_expiry(conn, &app.application_id, next_expiry)?;
    Ok(config)
}

/// Removes an application's configuration from every sink.
pub fn unpublish(sinks: &[Box<dyn Sink>], app_name: &str) -> Result<()> {
    for sink in sinks {
        sink.unpublish(app_name)?;
    }
    Ok(())
}

fn publish_by_name(conn: &Connection, sinks: &[Box<dyn Sink>], app_name: &str) -> Result<()> {
    match applications::by_app_name(conn, app_name)? {
        Some(app) => publish(conn, sinks, &app),
        None => unpublish(sinks, app_name),
    }
}

#[cfg(test)]
mod tests {
    //! The unit of work against an in-memory sink that fails on demand.

    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use super::*;
    use crate::domain::{apps, credentials, setup};
    use crate::sinks::Comparison;
    use crate::traefik::DynamicConfig;

    /// What the sink holds per app name (the users of its middleware), and
    /// whether its next publishes fail.
    #[derive(Default)]
    struct Memory {
        held: RefCell<BTreeMap<String, Vec<String>>>,
        failures_left: Cell<usize>,
        publishes: Cell<usize>,
    }

    struct MemorySink(Rc<Memory>);

    impl MemorySink {
        /// What holding `users` for an application (`None`: nothing) would
        /// change: one key per application, its users joined.
        fn change(&self, app_name: &str, users: Option<Vec<String>>) -> Change {
            let now = self.0.held.borrow().get(app_name).map(|u| u.join(","));
            let after = users.map(|u| u.join(","));
            let mut set = BTreeMap::new();
            let mut delete = BTreeMap::new();
            match (now, after) {
                (now, Some(after)) if now.as_ref() != Some(&after) => {
                    set.insert(app_name.to_string(), (now, after));
                }
                (Some(now), None) => {
                    delete.insert(app_name.to_string(), now);
                }
                _ => {}
            }
            Change::Keys {
                sink: "memory".into(),
                kind: "memory",
                endpoint: "memory".into(),
                app_name: app_name.to_string(),
                set,
                delete,
            }
        }
    }

    impl Sink for MemorySink {
        fn provider(&self) -> &'static str {
            "memory"
        }
        fn publish(
            &self,
            app: &applications::Application,
            config: Option<&DynamicConfig>,
        ) -> Result<()> {
            self.0.publishes.set(self.0.publishes.get() + 1);
            if self.0.failures_left.get() > 0 {
                self.0.failures_left.set(self.0.failures_left.get() - 1);
                return Err(Error::internal("the memory sink is down"));
            }
            let mut held = self.0.held.borrow_mut();
            match config {
                Some(c) => {
                    let users = c
                        .http
                        .middlewares
                        .values()
                        .flat_map(|m| m.basic_auth.users.iter().cloned())
                        .collect();
                    held.insert(app.app_name.clone(), users);
                }
                None => {
                    held.remove(&app.app_name);
                }
            }
            Ok(())
        }
        fn unpublish(&self, app_name: &str) -> Result<()> {
            self.0.held.borrow_mut().remove(app_name);
            Ok(())
        }
        fn preview(
            &self,
            app: &applications::Application,
            config: Option<&DynamicConfig>,
        ) -> Result<Change> {
            let users: Option<Vec<String>> = config.map(|c| {
                c.http
                    .middlewares
                    .values()
                    .flat_map(|m| m.basic_auth.users.iter().cloned())
                    .collect()
            });
            Ok(self.change(&app.app_name, users))
        }
        fn preview_unpublish(&self, app_name: &str) -> Result<Change> {
            Ok(self.change(app_name, None))
        }
        fn compare(&self) -> Result<Box<dyn Comparison + '_>> {
            unimplemented!("not used by these tests")
        }
    }

    /// A registry with app `shop` (external routing) and its credential
    /// `admin`, and a session publishing to the memory sink only.
    fn session_with_shop() -> (tempfile::TempDir, Session, Rc<Memory>) {
        let dir = tempfile::tempdir().unwrap();
        let params = setup::InitParams {
            db: dir.path().join("a.db"),
            traefik_dir: dir.path().join("traefik"),
            credentials_file: dir.path().join("key"),
            org: "acme".into(),
            user: "alice".into(),
            bcrypt_cost: 4,
        };
        setup::init(&params).unwrap();
        let store = Store::open(&params.db).unwrap();
        let key = std::fs::read_to_string(&params.credentials_file).unwrap();
        let user = auth::authenticate(store.conn(), key.trim(), true).unwrap();
        let actor = auth::actor(store.conn(), &user, None).unwrap();
        let memory = Rc::new(Memory::default());
        let mut session = Session::new(
            store,
            actor,
            vec![Box::new(MemorySink(memory.clone()))],
            dir.path().join("traefik"),
            Warnings::default(),
        );
        let app = apps::prepare(apps::NewApp {
            app_name: "shop".into(),
            project: "default".into(),
            environment: "production".into(),
            ..Default::default()
        })
        .unwrap();
        apps::add(&mut session, app).unwrap();
        let password = credentials::NewPassword {
            hash: credentials::hash(
                &crate::domain::passwords::Secret::chosen("password".into()),
                credentials::Hashing::Apr1,
            )
            .unwrap(),
            weak: false,
        };
        credentials::create(&mut session, "shop", "admin", password, None).unwrap();
        (dir, session, memory)
    }

    fn held(memory: &Memory) -> BTreeMap<String, Vec<String>> {
        memory.held.borrow().clone()
    }

    fn failures(session: &Session) -> i64 {
        session
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE outcome = 'error' AND action = 'test.fail'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_failure_after_publishing_rolls_back_and_restores_the_committed_state() {
        let (_dir, mut session, memory) = session_with_shop();
        let before = held(&memory);
        assert_eq!(before["shop"].len(), 1);
        let result: Result<()> = session.write(Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.conn().execute("DELETE FROM security", [])?;
            m.publish(&app)?;
            assert!(
                memory.held.borrow().get("shop").is_none(),
                "published inside"
            );
            Err(Error::conflict("something later failed"))
        });
        assert_eq!(result.unwrap_err().to_string(), "something later failed");
        assert_eq!(
            held(&memory),
            before,
            "the sink holds the committed state again"
        );
        let rows: i64 = session
            .conn()
            .query_row("SELECT count(*) FROM security", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1, "the database change was rolled back");
        assert_eq!(failures(&session), 1, "the failure is audited");
    }

    #[test]
    fn a_sink_that_fails_once_is_restored_and_the_error_says_nothing_more() {
        let (_dir, mut session, memory) = session_with_shop();
        let before = held(&memory);
        memory.failures_left.set(1);
        let result = session.write(Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.conn().execute("DELETE FROM security", [])?;
            m.publish(&app)
        });
        let error = result.unwrap_err().to_string();
        assert_eq!(error, "the memory sink is down");
        assert_eq!(held(&memory), before);
    }

    #[test]
    fn a_sink_that_stays_down_is_reported_as_not_restored() {
        let (_dir, mut session, memory) = session_with_shop();
        memory.failures_left.set(usize::MAX);
        let publishes = memory.publishes.get();
        let result = session.write(Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.publish(&app)
        });
        let error = result.unwrap_err().to_string();
        assert!(
            error.starts_with(
                "the memory sink is down; the Traefik configuration could not be restored"
            ),
            "{error}"
        );
        assert!(error.contains("run `authgate sync`"), "{error}");
        assert_eq!(
            memory.publishes.get(),
            publishes + 2,
            "published, then the restore tried"
        );
    }

    fn audit_rows(session: &Session) -> i64 {
        session
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_dry_run_previews_rolls_back_and_records_nothing() {
        let (_dir, mut session, memory) = session_with_shop();
        session.dry_run = true;
        let before = held(&memory);
        let (publishes, audited) = (memory.publishes.get(), audit_rows(&session));
        let value = session
            .write(Event::new("test.dry"), |m| {
                let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
                m.conn().execute("DELETE FROM security", [])?;
                m.audit(&Event::new("test.dry"))?;
                m.publish(&app)?;
                // Published twice, and a name that holds nothing: one
                // change for shop, none for the other.
                m.publish(&app)?;
                m.unpublish("gone")?;
                Ok(7)
            })
            .unwrap();
        assert_eq!(value, 7, "the operation's own result");
        assert_eq!(held(&memory), before, "the sink is untouched");
        assert_eq!(memory.publishes.get(), publishes, "nothing was published");
        assert_eq!(
            audit_rows(&session),
            audited,
            "the audit row was rolled back"
        );
        let rows: i64 = session
            .conn()
            .query_row("SELECT count(*) FROM security", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1, "the change was rolled back");
        assert_eq!(session.previews.len(), 1, "{:?}", session.previews);
        let Change::Keys {
            app_name,
            delete,
            set,
            ..
        } = &session.previews[0]
        else {
            panic!("{:?}", session.previews);
        };
        assert_eq!(app_name, "shop");
        assert!(set.is_empty());
        assert_eq!(delete.get("shop"), before["shop"].first());

        // A failing dry run is not audited, and restores nothing.
        let result: Result<()> = session.write(Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.publish(&app)?;
            Err(Error::conflict("refused"))
        });
        assert_eq!(result.unwrap_err().to_string(), "refused");
        assert_eq!(audit_rows(&session), audited, "no failure row");
        assert_eq!(memory.publishes.get(), publishes, "no restore");
    }

    #[test]
    fn a_failure_that_touched_no_sink_restores_nothing() {
        let (_dir, mut session, memory) = session_with_shop();
        let publishes = memory.publishes.get();
        let result: Result<()> = session.write(Event::new("test.fail"), |m| {
            m.conn().execute("DELETE FROM security", [])?;
            Err(Error::bad_request("refused before publishing"))
        });
        assert_eq!(result.unwrap_err().to_string(), "refused before publishing");
        assert_eq!(memory.publishes.get(), publishes);
    }
}
