//! Where things live, who is acting, and how a mutation runs: one write
//! transaction in which the change, its audit row and the application's
//! Traefik file are applied together, or not at all (ARCHITECTURE.md, "The unit of work").

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::auth::{self, Actor};
use crate::domain::publish;
use crate::error::{Error, Remedy, Result};
use crate::sinks::Sink;
use crate::sinks::file::FileSink;

pub use crate::sinks::Change;
use crate::store::audit::{self, Event, Outcome};
use crate::store::sinks as store_sinks;
use crate::store::{Store, applications, intents, pending, settings};

pub const DEFAULT_FILE_MODE: u32 = 0o640;

/// What a process's mutations published, as they committed: for `--wait`
/// (which asks Traefik whether it serves them) and for `NOT_APPLIED`.
#[derive(Debug, Default)]
pub struct Published {
    pub apps: Vec<PublishedApp>,
    /// Files in the watched directory that Traefik cannot load, found
    /// after a change was written there: until they are mended, Traefik
    /// applies nothing from the directory, this change included.
    pub unloadable: Vec<String>,
    /// Sinks that were down, each with why: what they missed is pending
    /// there until the next publishing command or `sync` (`PARTIAL`).
    pub pending: Vec<(String, String)>,
    /// How long to wait for Traefik when the command does not say: the
    /// `wait` setting, when an instance is registered (read as the change
    /// commits).
    pub default_wait: Option<std::time::Duration>,
}

/// One application published to one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedApp {
    /// `directory`, or the sink's name.
    pub place: String,
    pub app_name: String,
}

pub type PublishedLog = std::rc::Rc<std::cell::RefCell<Published>>;

/// The watched directory's name as a place (in `--reads` too); a sink's
/// place is its name.
pub const DIRECTORY: &str = "directory";

/// Warnings for the operator, collected by the library and printed by the
/// command layer once the command is done.
pub type Warnings = std::rc::Rc<std::cell::RefCell<Vec<String>>>;

/// Locations and identity chosen on the command line or in the environment.
/// `None` means "use the default".
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub db: Option<PathBuf>,
    /// What the commands of this process published: filled as mutations
    /// commit, for `--wait` and the exit status (see [`Published`]).
    pub published: PublishedLog,
    pub traefik_dir: Option<PathBuf>,
    pub api_key_file: Option<PathBuf>,
    /// The organization to act in, pinned (`--org`).
    pub org: Option<String>,
    /// What the command acts on, when it names one application or
    /// credential: without `--org`, the command acts in the organization
    /// that holds it, when the user is a member there (app names are unique
    /// across the installation, so a cron line need not depend on the
    /// active organization).
    pub target: Option<Target>,
    pub warnings: Warnings,
    /// A dry run: every mutation runs as usual but previews instead of
    /// publishing and rolls back, and nothing is recorded (no audit row, no
    /// publish intent, no API key use).
    pub dry_run: bool,
}

/// One application or credential a command names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An application id or app name.
    App(String),
    /// A credential's security id.
    Credential(String),
}

/// The organization that holds `target`, when `user` is a member of it;
/// `None` otherwise (the active organization stays, and the reference is
/// refused there as not found).
fn holding_org(
    conn: &Connection,
    user: &crate::store::tenancy::User,
    memberships: &[(crate::store::tenancy::Org, crate::store::tenancy::Role)],
    target: &Target,
) -> Result<Option<String>> {
    // A user of the active organization alone acts there, wherever the
    // target is: no need to look it up.
    if memberships
        .iter()
        .all(|(org, _)| user.active_org_id.as_deref() == Some(org.org_id.as_str()))
    {
        return Ok(None);
    }
    let org_id = match target {
        Target::App(reference) => applications::org_of(conn, reference)?,
        Target::Credential(id) => applications::org_of_credential(conn, id)?,
    };
    let Some(org_id) = org_id else {
        return Ok(None);
    };
    if user.active_org_id.as_deref() == Some(org_id.as_str()) {
        return Ok(None);
    }
    Ok(memberships
        .iter()
        .find(|(org, _)| org.org_id == org_id)
        .map(|(org, _)| org.name.clone()))
}

fn home() -> Result<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| {
            Error::bad_request("HOME is not set, so the default locations are unknown")
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
    pub fn api_key(&self) -> Result<String> {
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
    let text = match crate::input::read_path(path, 4096) {
        Ok(crate::input::Limited::Fits(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        Ok(crate::input::Limited::TooLarge) => {
            return Err(Error::unauthorized(format!(
                "the API key file {} holds more than 4096 bytes: it is not an API key",
                path.display()
            )));
        }
        Err(e) => {
            return Err(Error::unauthorized(format!(
                "cannot read API key file {}: {e}",
                path.display()
            )));
        }
    };
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
    /// Where each of `sinks` is, by name: `directory`, then each sink's
    /// name.
    pub places: Vec<String>,
    /// What this session's mutations published (see [`Options::published`]).
    pub published: PublishedLog,
    /// A dry run (see [`Options::dry_run`]).
    pub dry_run: bool,
    /// In a dry run: what the last mutation would have changed in the
    /// sinks, one entry per file or per application's keys in a sink.
    pub previews: Vec<Change>,
    /// The key-value sinks found down by this session's mutations.
    down: publish::Down,
}

impl Session {
    pub fn open(options: &Options) -> Result<Session> {
        let mut store = Store::open(&options.db_path()?)?;
        if options.dry_run {
            store.keep_wal_on_close();
        }
        let key = options.api_key()?;
        let user = auth::authenticate(store.conn(), &key, !options.dry_run)?;
        let memberships = crate::store::tenancy::orgs_of_user(store.conn(), &user.user_id)?;
        let held_by = match (&options.org, &options.target) {
            (None, Some(target)) => holding_org(store.conn(), &user, &memberships, target)?,
            _ => None,
        };
        let org = options.org.as_deref().or(held_by.as_deref());
        let actor = match auth::actor_among(&user, org, &memberships) {
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
        let mut places = vec![DIRECTORY.to_string()];
        let timeout = settings::sink_timeout(store.conn())?;
        for row in store_sinks::all(store.conn())? {
            all.push(crate::sinks::configured::open(&row, timeout)?);
            places.push(row.name);
        }
        let mut session = Session::new(store, actor, all, traefik_dir, options.warnings.clone());
        session.places = places;
        session.published = options.published.clone();
        session.dry_run = options.dry_run;
        // A dry run publishes nothing, not even what a killed command left:
        // the next real command does.
        if !session.dry_run {
            session.republish_left_behind();
        }
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
            places: Vec::new(),
            published: Default::default(),
            dry_run: false,
            previews: Vec::new(),
            down: Default::default(),
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

    /// Runs a mutation that publishes nothing in one write transaction. On
    /// success, the change and its audit rows are committed together; on
    /// failure, everything is rolled back and the failure is audited with
    /// `on_failure`.
    pub fn write<T>(
        &mut self,
        on_failure: Event,
        f: impl FnOnce(&mut Mutation<'_>) -> Result<T>,
    ) -> Result<T> {
        self.run(None, on_failure, f)
    }

    /// Runs a mutation that publishes the applications `declare` names,
    /// crash-consistently (ARCHITECTURE.md, "The unit of work"): their
    /// intent is committed first, then the change, the audit rows, the
    /// published configuration and the intent's removal commit together.
    /// `declare` runs under the write lock, before the mutation; it only
    /// looks names up (authorization is the mutation's). On failure,
    /// everything is rolled back, the sinks the mutation changed are
    /// restored from the committed state, and the failure is audited with
    /// `on_failure`. In a dry run, no intent is committed, the sinks preview
    /// instead (into `previews`), and the transaction rolls back whatever
    /// the outcome, unaudited.
    pub fn write_publishing<T>(
        &mut self,
        declare: impl FnOnce(&Connection) -> Result<Publishes>,
        on_failure: Event,
        f: impl FnOnce(&mut Mutation<'_>) -> Result<T>,
    ) -> Result<T> {
        let intent = match self.declare(declare) {
            Ok(intent) => intent,
            Err(e) => {
                self.record_failure(on_failure, &e);
                return Err(e);
            }
        };
        self.run(Some(intent), on_failure, f)
    }

    /// Commits the intent of a mutation that will publish.
    fn declare(
        &mut self,
        declare: impl FnOnce(&Connection) -> Result<Publishes>,
    ) -> Result<Intent> {
        let tx = self.store.write_tx()?;
        let publishes = declare(&tx)?;
        let mut app_names = match &publishes {
            Publishes::Apps(names) => names.clone(),
            Publishes::Everything => vec![intents::EVERY_APPLICATION.to_string()],
        };
        app_names.sort();
        app_names.dedup();
        let intent = Intent {
            token: crate::store::new_id(),
            app_names,
            publishes,
        };
        if !intent.app_names.is_empty() && !self.dry_run {
            intents::insert(&tx, &intent.token, &intent.app_names, &crate::store::now())?;
            tx.commit()?;
        }
        Ok(intent)
    }

    fn run<T>(
        &mut self,
        intent: Option<Intent>,
        on_failure: Event,
        f: impl FnOnce(&mut Mutation<'_>) -> Result<T>,
    ) -> Result<T> {
        let dry_run = self.dry_run;
        let token = intent.as_ref().map(|i| i.token.clone());
        let mut f = Some(f);
        let mut attempts = 0;
        let missed_before = self.down.missed.len();
        let (result, touched, previews) = loop {
            let tx = self.store.write_tx()?;
            if let Some(intent) = &intent
                && !intent.app_names.is_empty()
                && !dry_run
                && !intents::held(&tx, &intent.token)?
            {
                // Between the intent's commit and this transaction, another
                // process took the intent for one left behind (and published
                // the committed state): commit it again before any sink is
                // touched.
                attempts += 1;
                if attempts > 3 {
                    return Err(Error::conflict(
                        "other authgate commands kept taking this command's place: run it again",
                    ));
                }
                intents::insert(&tx, &intent.token, &intent.app_names, &crate::store::now())?;
                tx.commit()?;
                continue;
            }
            let mut mutation = Mutation {
                tx,
                actor: &self.actor,
                sinks: &self.sinks,
                declared: intent.as_ref().map(|i| &i.publishes),
                touched: Vec::new(),
                previews: dry_run.then(Vec::new),
                down: &mut self.down,
            };
            // Holding the write lock, this process is the only one that can
            // be publishing: intents of others were left by a process that
            // died, or by one that has already committed or rolled back.
            if token.is_some() && !dry_run {
                republish_left_behind(
                    &mutation.tx,
                    &self.sinks,
                    self.actor.clone(),
                    token.as_deref().unwrap_or_default(),
                    &self.warnings,
                );
                catch_up(
                    &mutation.tx,
                    &self.sinks,
                    &self.places,
                    mutation.down,
                    &self.warnings,
                );
            }
            let result = (f.take().expect("the mutation runs once"))(&mut mutation);
            let touched = std::mem::take(&mut mutation.touched);
            let previews = mutation.previews.take();
            let missed = mutation.down.missed[missed_before..].to_vec();
            let result = match result {
                Ok(value) if dry_run => mutation.tx.rollback().map(|()| value).map_err(Error::from),
                Ok(value) => token
                    .as_deref()
                    .map_or(Ok(()), |t| intents::remove(&mutation.tx, t))
                    .and_then(|()| {
                        record_missed(&mutation.tx, &self.places, mutation.down, &missed)
                    })
                    .and_then(|()| mutation.tx.commit().map_err(Error::from))
                    .map(|()| value),
                Err(e) => mutation.tx.rollback().map_err(Error::from).and(Err(e)),
            };
            break (result, touched, previews);
        };
        if result.is_ok() && previews.is_none() {
            let default_wait = if touched.is_empty() {
                None
            } else {
                crate::store::instances::default_wait(self.conn()).unwrap_or(None)
            };
            let mut published = self.published.borrow_mut();
            if default_wait.is_some() {
                published.default_wait = default_wait;
            }
            for (sink, app_name) in &touched {
                let place = self
                    .places
                    .get(*sink)
                    .cloned()
                    .unwrap_or_else(|| format!("sink {sink}"));
                let entry = PublishedApp {
                    place,
                    app_name: app_name.clone(),
                };
                if !published.apps.contains(&entry) {
                    published.apps.push(entry);
                }
            }
            for (sink, _) in &self.down.missed[missed_before..] {
                let place = place_name(&self.places, *sink);
                if !published.pending.iter().any(|(p, _)| *p == place) {
                    let reason = self.down.reason(*sink).unwrap_or_default().to_string();
                    published.pending.push((place, reason));
                }
            }
        }
        if result.is_ok()
            && (!touched.is_empty() || previews.as_ref().is_some_and(|p| !p.is_empty()))
        {
            self.warn_about_foreign_files(touched.iter().any(|(sink, _)| *sink == 0));
        }
        if let Some(previews) = previews {
            // A dry run published nothing, so there is nothing to restore,
            // and its failure is not audited (an audit row is a change).
            self.previews = previews.into_iter().filter(|c| !c.is_empty()).collect();
            return result;
        }
        // Nothing to put back and no intent to end: no transaction.
        let nothing_held =
            touched.is_empty() && intent.as_ref().is_none_or(|i| i.app_names.is_empty());
        let result = match (result, &token) {
            (Err(e), Some(token)) if !nothing_held => Err(match self.restore(&touched, token) {
                Ok(()) => e,
                Err(restore) => e.with_note(format!(
                    "the Traefik configuration could not be restored ({restore}): the next authgate command publishes it again, or run `authgate sync`"
                )),
            }),
            (other, _) => other,
        };
        if let Err(e) = &result {
            self.record_failure(on_failure, e);
        }
        result
    }

    /// Publishes again what processes that died in the middle of a mutation
    /// may have left in the sinks, when the registry holds their intents:
    /// one lookup when it holds none. Run as a command opens its session,
    /// so that the next command of any kind puts Traefik back in step with
    /// the database. A failure is a warning: the intents stay for the next
    /// command.
    pub fn republish_left_behind(&mut self) {
        // Intents of live writers are theirs to finish: only one left by a
        // process that died is worth waiting for the write lock.
        match intents::any(self.conn())
            .and_then(|any| Ok(any && intents::any_left_behind(self.conn())?))
        {
            Ok(false) => return,
            Ok(true) => {}
            Err(e) => {
                self.warnings
                    .borrow_mut()
                    .push(format!("cannot read the registry's publish intents: {e}"));
                return;
            }
        }
        let actor = self.actor.clone();
        let result = self.store.write_tx().and_then(|tx| {
            republish_left_behind(&tx, &self.sinks, actor, "", &self.warnings);
            tx.commit().map_err(Error::from)
        });
        if let Err(e) = result {
            self.warnings.borrow_mut().push(format!(
                "cannot publish again what an interrupted authgate command left: {e}; run `authgate sync`"
            ));
        }
    }

    /// When the directory holds a file authgate did not write that Traefik
    /// cannot load (which freezes every change there): recorded as
    /// unloadable when this change was written to the directory
    /// (`wrote_directory`), so that the command exits `NOT_APPLIED`. One
    /// warning for files that route one of authgate's hosts, or that cannot
    /// be loaded when the change went elsewhere (a dry run included).
    fn warn_about_foreign_files(&self, wrote_directory: bool) {
        // The directory alone: reading every key-value root after every
        // change would cost each command a round trip per store.
        let directory: Vec<&dyn Sink> = self
            .sinks
            .iter()
            .filter(|s| s.provider() == "file")
            .map(|s| s.as_ref())
            .collect();
        let Ok(found) = crate::domain::foreign::scan(self.conn(), &directory) else {
            return;
        };
        let not_applied = wrote_directory && !self.dry_run;
        let mut unloadable: Vec<String> = found
            .iter()
            .filter(|f| {
                not_applied && matches!(f.problem, crate::domain::foreign::Problem::Unloadable(_))
            })
            .map(|f| f.path.display().to_string())
            .collect();
        unloadable.dedup();
        let mut paths: Vec<String> = found
            .iter()
            .map(|f| f.path.display().to_string())
            .filter(|p| !unloadable.contains(p))
            .collect();
        paths.dedup();
        if !unloadable.is_empty() {
            let mut published = self.published.borrow_mut();
            for path in unloadable {
                if !published.unloadable.contains(&path) {
                    published.unloadable.push(path);
                }
            }
        }
        if !paths.is_empty() {
            self.warnings.borrow_mut().push(format!(
                "the Traefik directory holds {} file(s) that authgate did not write and that Traefik cannot load or that route authgate's hosts ({}): Traefik may not enforce this change; an installation owner's `authgate check` says what is wrong",
                paths.len(),
                paths.join(", ")
            ));
        }
    }

    /// Puts back what the database says into the sinks a failed mutation
    /// changed (only those: a sink that refused a write holds what it held),
    /// under the write lock so that no other writer interleaves, and ends
    /// the mutation's intent. If that fails, the intent stays, and the next
    /// command publishes the applications again.
    fn restore(&mut self, touched: &[(usize, String)], token: &str) -> Result<()> {
        let tx = self.store.write_tx()?;
        for (sink, app_name) in touched {
            publish::publish_by_name(&tx, &self.sinks[*sink..=*sink], app_name)?;
        }
        intents::remove(&tx, token)?;
        // Publishing sets next expiries, as the committed state already has
        // them: the commit changes nothing else.
        tx.commit()?;
        Ok(())
    }

    /// Audits a failed operation, outside any transaction (the operation's
    /// own was rolled back).
    /// A dry run records nothing.
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
        // A denial aimed at another organization's object is filed where it
        // aims too: in the installation's log, which the prober cannot prune.
        if outcome == Outcome::Denied
            && let Some(aimed) = self.aimed_elsewhere(&event, error)
        {
            let _ = audit::record_installation(
                self.conn(),
                &audit_actor(&self.actor),
                &event,
                outcome,
                aimed.as_deref(),
            );
        }
    }

    /// Whether a denied event aimed at something of another organization:
    /// `Some(org)` for an application or credential of another organization,
    /// `Some(None)` for a host claimed by another owner.
    fn aimed_elsewhere(&self, event: &Event, error: &Error) -> Option<Option<String>> {
        let target = event.target.as_deref()?;
        let org = match event.target_type.as_deref()? {
            "application" => applications::org_of(self.conn(), target).ok()?,
            "security" => applications::org_of_credential(self.conn(), target).ok()?,
            _ => None,
        };
        match org {
            Some(org) if org != self.actor.org_id => Some(Some(org)),
            _ if error.kind() == crate::error::Kind::HostTaken => Some(None),
            _ => None,
        }
    }
}

pub fn audit_actor(actor: &Actor) -> audit::AuditActor<'_> {
    audit::AuditActor {
        user_id: Some(&actor.user_id),
        user_name: Some(&actor.user_name),
        org_id: Some(&actor.org_id),
    }
}

/// The watched directory: `--traefik-dir` / `AUTHGATE_TRAEFIK_DIR`, else the
/// one chosen at `init`.
pub fn file_sink(conn: &Connection, options: &Options) -> Result<FileSink> {
    let dir = match &options.traefik_dir {
        Some(dir) => crate::domain::validate::traefik_dir(dir)?,
        None => settings::get(conn, settings::TRAEFIK_DIR)?
            .map(PathBuf::from)
            .ok_or_else(|| {
                Error::bad_request("the registry has no Traefik directory setting")
                    .remedy(Remedy::TraefikDirectory)
            })?,
    };
    let mode = settings::get(conn, settings::FILE_MODE)?
        .and_then(|m| u32::from_str_radix(&m, 8).ok())
        .unwrap_or(DEFAULT_FILE_MODE);
    Ok(FileSink::new(dir, mode))
}

/// A mutation in progress: the write transaction, the actor, and the sinks.
pub struct Mutation<'s> {
    pub tx: Transaction<'s>,
    pub actor: &'s Actor,
    sinks: &'s [Box<dyn Sink>],
    /// What the mutation declared it publishes; `None`: nothing.
    declared: Option<&'s Publishes>,
    /// Which sink changed for which app name.
    touched: Vec<(usize, String)>,
    /// In a dry run, what publishing would have changed.
    previews: Option<Vec<Change>>,
    /// The sinks found down, and what they missed.
    down: &'s mut publish::Down,
}

/// What a mutation publishes, declared before it starts
/// ([`Session::write_publishing`]).
#[derive(Debug, Clone)]
pub enum Publishes {
    /// These app names (a renamed application: both).
    Apps(Vec<String>),
    /// Every application.
    Everything,
}

impl Publishes {
    /// The application an id or app name refers to, in any organization
    /// (nothing if none): the mutation's authorization decides what the
    /// actor may do with it.
    pub fn app(conn: &Connection, reference: &str) -> Result<Publishes> {
        Ok(Publishes::Apps(
            applications::name_of(conn, reference)?
                .into_iter()
                .collect(),
        ))
    }
}

/// A mutation's committed intent.
struct Intent {
    token: String,
    app_names: Vec<String>,
    publishes: Publishes,
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

    /// Whether the mutation declared that it publishes `app_name`.
    pub fn declares(&self, app_name: &str) -> bool {
        match self.declared {
            None => false,
            Some(Publishes::Everything) => true,
            Some(Publishes::Apps(names)) => names.iter().any(|n| n == app_name),
        }
    }

    fn require_declared(&self, app_name: &str) -> Result<()> {
        match self.declared {
            _ if self.declares(app_name) => Ok(()),
            None => Err(Error::internal(format!(
                "this operation publishes application '{app_name}' without declaring it"
            ))),
            // Renamed by another command since this one looked it up.
            Some(_) => Err(Error::conflict(format!(
                "application '{app_name}' changed while this command started: run it again"
            ))),
        }
    }

    /// Re-renders an application from the state inside the transaction and
    /// publishes it to every sink.
    pub fn publish(&mut self, app: &applications::Application) -> Result<()> {
        self.require_declared(&app.app_name)?;
        if let Some(previews) = &mut self.previews {
            let config = publish::render(&self.tx, self.sinks, app)?;
            for sink in self.sinks {
                preview_into(previews, sink.preview(app, config.as_ref())?);
            }
            return Ok(());
        }
        let touched = &mut self.touched;
        publish::publish(&self.tx, self.sinks, app, self.down, |sink| {
            touch(touched, sink, &app.app_name)
        })
    }

    /// Removes what the sinks hold for an application that no longer exists
    /// under this name.
    pub fn unpublish(&mut self, app_name: &str) -> Result<()> {
        self.require_declared(app_name)?;
        if let Some(previews) = &mut self.previews {
            for sink in self.sinks {
                preview_into(previews, sink.preview_unpublish(app_name)?);
            }
            return Ok(());
        }
        let touched = &mut self.touched;
        publish::unpublish(self.sinks, app_name, self.down, |sink| {
            touch(touched, sink, app_name)
        })
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

fn touch(touched: &mut Vec<(usize, String)>, sink: usize, app_name: &str) {
    if !touched.iter().any(|(s, n)| *s == sink && n == app_name) {
        touched.push((sink, app_name.to_string()));
    }
}

/// A place's name: `directory`, or the sink's.
fn place_name(places: &[String], sink: usize) -> String {
    places
        .get(sink)
        .cloned()
        .unwrap_or_else(|| format!("sink {sink}"))
}

/// Records, inside the mutation's transaction, the publishes that sinks
/// down missed, for the next command to catch up.
fn record_missed(
    tx: &Connection,
    places: &[String],
    down: &publish::Down,
    missed: &[(usize, String)],
) -> Result<()> {
    let now = crate::store::now();
    for (sink, app_name) in missed {
        pending::insert(
            tx,
            &place_name(places, *sink),
            app_name,
            &now,
            down.reason(*sink).unwrap_or_default(),
        )?;
    }
    Ok(())
}

/// Publishes, inside `tx`, what sinks missed while they were down, to each
/// sink that answers now, and forgets it there; a sink still down is noted
/// in `down` (so the mutation skips it without waiting again) and keeps
/// what it missed. Anything else that fails is a warning: what is pending
/// stays for the next command, or `authgate sync`.
fn catch_up(
    tx: &Connection,
    sinks: &[Box<dyn Sink>],
    places: &[String],
    down: &mut publish::Down,
    warnings: &Warnings,
) {
    let result = (|| -> Result<()> {
        if !pending::any(tx)? {
            return Ok(());
        }
        for missed in pending::all(tx)? {
            let Some(i) = places
                .iter()
                .position(|p| *p == missed.sink)
                .filter(|&i| i > 0)
            else {
                // The sink was removed: nothing to catch up.
                pending::remove_sink(tx, &missed.sink)?;
                continue;
            };
            if down.is_down(i) {
                continue;
            }
            match publish::publish_by_name(tx, &sinks[i..=i], &missed.app_name) {
                Ok(()) => pending::remove(tx, &missed.sink, &missed.app_name)?,
                Err(e) if e.kind() == crate::error::Kind::Unavailable => down.mark(i, &e),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        warnings.borrow_mut().push(format!(
            "cannot publish what a sink missed while it was down: {e}; the next command tries again, or run `authgate sync`"
        ));
    }
}

/// Publishes again, inside `tx`, the applications named by intents other
/// than `token`'s, removes those intents, and audits it in each
/// application's organization. A failure is a warning, and the intents stay.
fn republish_left_behind(
    tx: &Connection,
    sinks: &[Box<dyn Sink>],
    actor: Actor,
    token: &str,
    warnings: &Warnings,
) {
    let result = (|| -> Result<()> {
        let names = intents::left_behind(tx, token)?;
        if names.is_empty() {
            return Ok(());
        }
        publish::republish(tx, sinks, &names)?;
        intents::remove_left_behind(tx, token)?;
        for name in &names {
            let app = applications::by_app_name(tx, name)?;
            let who = audit::AuditActor {
                org_id: Some(
                    app.as_ref()
                        .map_or(actor.org_id.as_str(), |a| a.org_id.as_str()),
                ),
                ..audit_actor(&actor)
            };
            let mut event = Event::new("publish.recover").detail(
                "published again from the registry: an authgate command was interrupted while publishing it",
            );
            event = match &app {
                Some(app) => event
                    .target("application", &app.application_id)
                    .application(&app.application_id),
                None if name == intents::EVERY_APPLICATION => {
                    event.target("installation", "every application")
                }
                // Removed, maybe from another organization: unnamed here.
                None => event.target("installation", "an application that no longer exists"),
            };
            audit::record(tx, &who, &event, Outcome::Ok)?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        warnings.borrow_mut().push(format!(
            "cannot publish again what an interrupted authgate command left: {e}; the next command tries again, or run `authgate sync`"
        ));
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
        /// Once set, this many more publishes succeed, and every one
        /// after them fails.
        up_for: Cell<Option<usize>>,
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
        fn foreign(
            &self,
            _app_names: &std::collections::HashSet<String>,
        ) -> Result<Vec<crate::sinks::Foreign>> {
            Ok(Vec::new())
        }
        fn publish(
            &self,
            app: &applications::Application,
            config: Option<&DynamicConfig>,
        ) -> Result<()> {
            self.0.publishes.set(self.0.publishes.get() + 1);
            match self.0.up_for.get() {
                Some(0) => return Err(Error::internal("the memory sink went down")),
                Some(n) => self.0.up_for.set(Some(n - 1)),
                None => {}
            }
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
                        .flat_map(|m| m.basic_auth.iter().flat_map(|b| b.users.iter().cloned()))
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
                    .flat_map(|m| m.basic_auth.iter().flat_map(|b| b.users.iter().cloned()))
                    .collect()
            });
            Ok(self.change(&app.app_name, users))
        }
        fn preview_unpublish(&self, app_name: &str) -> Result<Change> {
            Ok(self.change(app_name, None))
        }
        fn compare(&self) -> Result<Box<dyn Comparison + '_>> {
            Err(Error::internal("the memory sink compares nothing"))
        }
    }

    /// A registry with app `shop` (external routing) and its credential
    /// `admin`, and a session publishing to the memory sink only.
    fn session_with_shop() -> (tempfile::TempDir, Session, Rc<Memory>) {
        let (dir, session, mut memories) = session_with_shop_in(1);
        (dir, session, memories.remove(0))
    }

    /// The same, publishing to `sinks` memory sinks.
    fn session_with_shop_in(sinks: usize) -> (tempfile::TempDir, Session, Vec<Rc<Memory>>) {
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
        let memories: Vec<Rc<Memory>> = (0..sinks).map(|_| Rc::new(Memory::default())).collect();
        let mut session = Session::new(
            store,
            actor,
            memories
                .iter()
                .map(|m| Box::new(MemorySink(m.clone())) as Box<dyn Sink>)
                .collect(),
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
        apps::add(&mut session, app, Vec::new()).unwrap();
        let password = crate::domain::password::NewPassword {
            hash: crate::domain::password::hashing::hash(
                &crate::domain::password::Secret::chosen("password".into()),
                crate::domain::password::Hashing::Apr1,
            )
            .unwrap(),
            weak: false,
        };
        credentials::create(&mut session, "shop", "admin", password, None).unwrap();
        (dir, session, memories)
    }

    fn shop() -> impl FnOnce(&Connection) -> Result<Publishes> {
        |_| Ok(Publishes::Apps(vec!["shop".into()]))
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
            .write_publishing(
                |_| Ok(Publishes::Apps(vec!["shop".into(), "gone".into()])),
                Event::new("test.dry"),
                |m| {
                    let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
                    m.conn().execute("DELETE FROM security", [])?;
                    m.audit(&Event::new("test.dry"))?;
                    m.publish(&app)?;
                    // Published twice, and a name that holds nothing: one
                    // change for shop, none for the other.
                    m.publish(&app)?;
                    m.unpublish("gone")?;
                    Ok(7)
                },
            )
            .unwrap();
        assert_eq!(value, 7, "the operation's own result");
        assert_eq!(held(&memory), before, "the sink is untouched");
        assert_eq!(memory.publishes.get(), publishes, "nothing was published");
        assert_eq!(
            audit_rows(&session),
            audited,
            "the audit row was rolled back"
        );
        assert_eq!(intents_left(&session), 0, "no intent was committed");
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
        let result: Result<()> = session.write_publishing(shop(), Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.publish(&app)?;
            Err(Error::conflict("refused"))
        });
        assert_eq!(result.unwrap_err().to_string(), "refused");
        assert_eq!(audit_rows(&session), audited, "no failure row");
        assert_eq!(memory.publishes.get(), publishes, "no restore");
        assert_eq!(intents_left(&session), 0);
    }

    fn intents_left(session: &Session) -> i64 {
        session
            .conn()
            .query_row("SELECT count(*) FROM publish_intents", [], |r| r.get(0))
            .unwrap()
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
        let result: Result<()> = session.write_publishing(shop(), Event::new("test.fail"), |m| {
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
    fn a_sink_that_refuses_the_write_rolls_the_change_back_and_the_error_says_nothing_more() {
        let (_dir, mut session, memory) = session_with_shop();
        let before = held(&memory);
        memory.failures_left.set(1);
        let result = session.write_publishing(shop(), Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.conn().execute("DELETE FROM security", [])?;
            m.publish(&app)
        });
        let error = result.unwrap_err().to_string();
        assert_eq!(error, "the memory sink is down");
        assert_eq!(held(&memory), before);
        let rows: i64 = session
            .conn()
            .query_row("SELECT count(*) FROM security", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1, "the database change was rolled back");
        assert_eq!(intents_left(&session), 0);
    }

    #[test]
    fn a_sink_that_refuses_every_write_changed_nothing_and_nothing_is_said_of_a_restore() {
        let (_dir, mut session, memory) = session_with_shop();
        let before = held(&memory);
        memory.failures_left.set(usize::MAX);
        let publishes = memory.publishes.get();
        let result = session.write_publishing(shop(), Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.publish(&app)
        });
        assert_eq!(result.unwrap_err().to_string(), "the memory sink is down");
        assert_eq!(memory.publishes.get(), publishes + 1, "no restore tried");
        assert_eq!(held(&memory), before);
        assert_eq!(intents_left(&session), 0);
    }

    #[test]
    fn a_sink_that_changed_and_cannot_be_restored_is_reported_and_its_intent_stays() {
        let (_dir, mut session, memories) = session_with_shop_in(2);
        let before = held(&memories[0]);
        // The first sink takes the change, then goes down; the second
        // refuses it.
        memories[0].up_for.set(Some(1));
        memories[1].failures_left.set(usize::MAX);
        let result = session.write_publishing(shop(), Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.conn().execute("DELETE FROM security", [])?;
            m.publish(&app)
        });
        let error = result.unwrap_err().to_string();
        assert!(
            error.starts_with(
                "the memory sink is down; the Traefik configuration could not be restored (the memory sink went down)"
            ),
            "{error}"
        );
        assert!(
            error.contains("the next authgate command publishes it again"),
            "{error}"
        );
        assert_ne!(
            held(&memories[0]),
            before,
            "the first sink holds the change"
        );
        assert_eq!(intents_left(&session), 1, "the intent stays");
        // Once the sink is back, the next command (another process) puts it
        // back.
        session
            .conn()
            .execute("UPDATE publish_intents SET owner = 'gone:1'", [])
            .unwrap();
        memories[0].up_for.set(None);
        memories[1].failures_left.set(0);
        session.republish_left_behind();
        assert_eq!(held(&memories[0]), before);
        assert_eq!(held(&memories[1]), before);
        assert_eq!(intents_left(&session), 0);
    }

    #[test]
    fn intents_left_by_a_killed_command_are_published_again_and_audited() {
        let (_dir, mut session, memory) = session_with_shop();
        let before = held(&memory);
        // A command died after publishing a change it never committed.
        memory.held.borrow_mut().insert("shop".into(), Vec::new());
        memory
            .held
            .borrow_mut()
            .insert("gone".into(), vec!["x:y".into()]);
        intents::insert_for(
            session.conn(),
            "dead",
            "gone:1",
            &["gone".to_string(), "shop".to_string()],
            &crate::store::now(),
        )
        .unwrap();
        session.republish_left_behind();
        assert_eq!(held(&memory), before, "shop as committed, gone removed");
        assert_eq!(intents_left(&session), 0);
        let recovered: i64 = session
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'publish.recover' AND outcome = 'ok'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(recovered, 2);
    }

    #[test]
    fn a_mutation_publishes_intents_left_behind_before_its_own_change() {
        let (_dir, mut session, memory) = session_with_shop();
        let before = held(&memory);
        memory
            .held
            .borrow_mut()
            .insert("stale".into(), vec!["x:y".into()]);
        intents::insert_for(
            session.conn(),
            "dead",
            "gone:1",
            &["stale".to_string()],
            &crate::store::now(),
        )
        .unwrap();
        session
            .write_publishing(shop(), Event::new("test.ok"), |m| {
                let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
                m.publish(&app)
            })
            .unwrap();
        assert_eq!(held(&memory), before);
        assert_eq!(intents_left(&session), 0);
    }

    #[test]
    fn publishing_an_application_not_declared_is_refused_before_any_sink() {
        let (_dir, mut session, memory) = session_with_shop();
        let publishes = memory.publishes.get();
        let plain = session.write(Event::new("test.fail"), |m| {
            let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
            m.publish(&app)
        });
        assert_eq!(plain.unwrap_err().code(), crate::error::ErrorCode::Internal);
        let other = session.write_publishing(
            |_| Ok(Publishes::Apps(vec!["blog".into()])),
            Event::new("test.fail"),
            |m| {
                let app = applications::by_app_name(m.conn(), "shop")?.unwrap();
                m.publish(&app)
            },
        );
        assert_eq!(other.unwrap_err().code(), crate::error::ErrorCode::Conflict);
        assert_eq!(memory.publishes.get(), publishes);
        assert_eq!(intents_left(&session), 0);
    }

    #[test]
    fn a_failure_that_touched_no_sink_restores_nothing() {
        let (_dir, mut session, memory) = session_with_shop();
        let publishes = memory.publishes.get();
        let result: Result<()> = session.write_publishing(shop(), Event::new("test.fail"), |m| {
            m.conn().execute("DELETE FROM security", [])?;
            Err(Error::bad_request("refused before publishing"))
        });
        assert_eq!(result.unwrap_err().to_string(), "refused before publishing");
        assert_eq!(memory.publishes.get(), publishes);
        assert_eq!(intents_left(&session), 0);
    }
}
