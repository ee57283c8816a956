//! Where Traefik's configuration is published: the watched directory
//! (`file`), and key-value stores that Traefik's KV providers read (`kv`,
//! with Redis as its first backend, `redis`). ARCHITECTURE.md, "Sinks",
//! gives the contract; in short:
//!
//! - `prepare` refuses, before any sink is written, what would overwrite
//!   something authgate did not write;
//! - `publish` replaces everything a sink holds for one application with its
//!   configuration, or removes it (`None`), atomically for that application;
//! - `preview` and `preview_unpublish` say what `publish` and `unpublish`
//!   would change, and change nothing (a dry run);
//! - `compare` starts a drift check: it is given every application, in
//!   app-name order, with what it should hold, and then reports (and with
//!   `repair`, mends) what differs, what is orphaned and what intrudes.
//!
//! The unit of work (`domain::session`) drives every sink the same way, so a
//! new sink is one implementation of [`Sink`], and a new key-value provider
//! (etcd, Consul, ZooKeeper share Redis's key layout) one
//! [`kv::KvBackend`].

pub(crate) mod configured;
pub(crate) mod etcd;
pub(crate) mod file;
pub(crate) mod kv;
pub(crate) mod redis;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::store::applications::Application;
use crate::traefik::DynamicConfig;
use crate::traefik::rules::Definitions;

/// A place in a sink that authgate did not write (a file of the watched
/// directory, a router's keys under a key-value root), with what Traefik
/// reads from it, or why Traefik cannot read it.
#[derive(Debug, Clone)]
pub struct Foreign {
    /// The file, or `endpoint#root/http/routers/<name>` in a key-value store.
    pub origin: PathBuf,
    /// The provider that reads it (`file`, `redis`): the namespace of its
    /// names.
    pub provider: &'static str,
    pub read: std::result::Result<Definitions, String>,
}

/// One place Traefik reads its dynamic configuration from.
pub trait Sink {
    /// Traefik's name for the provider that reads this sink (`file`,
    /// `redis`): routers of another provider reference a middleware
    /// published here as `<name>@<provider>`.
    fn provider(&self) -> &'static str;

    /// Answers, or fails saying why (a sink is checked before it is added).
    fn ping(&self) -> Result<()> {
        Ok(())
    }

    /// Refuses, before anything is written anywhere, to publish an
    /// application whose place holds something authgate did not write.
    fn prepare(&self, _app_name: &str) -> Result<()> {
        Ok(())
    }

    /// Replaces what the sink holds for `app` with `config`, or removes it
    /// when `config` is `None` (nothing to route or protect).
    fn publish(&self, app: &Application, config: Option<&DynamicConfig>) -> Result<()>;

    /// Removes what the sink holds under an app name that no longer exists.
    fn unpublish(&self, app_name: &str) -> Result<()>;

    /// What [`Sink::publish`] would change, read from what the sink holds
    /// now; it changes nothing.
    fn preview(&self, app: &Application, config: Option<&DynamicConfig>) -> Result<Change>;

    /// What [`Sink::unpublish`] would change; it changes nothing.
    fn preview_unpublish(&self, app_name: &str) -> Result<Change>;

    /// Starts comparing the sink with the database.
    fn compare(&self) -> Result<Box<dyn Comparison + '_>>;

    /// Everything the sink holds that authgate did not write, given the
    /// app names that exist (their places are authgate's), bounded.
    fn foreign(&self, app_names: &HashSet<String>) -> Result<Vec<Foreign>>;
}

/// What publishing one application would change in one sink (a dry run).
/// It holds what the sink would hold, hashes included: whoever shows it
/// masks them (`domain::password::scheme::mask`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A file of the watched directory: `name` within it, its text now
    /// (`None`: there is none) and afterwards (`None`: removed).
    File {
        name: String,
        path: PathBuf,
        before: Option<String>,
        after: Option<String>,
    },
    /// Keys of a key-value sink: those that would get a new value (with
    /// their value now, `None` when absent, and the new one), and those
    /// that would be deleted (with their value now). Keys whose value
    /// stays are not listed.
    Keys {
        /// The sink's name (`sink add --name`).
        sink: String,
        /// The kind of store (`redis`).
        kind: &'static str,
        /// Where it is (never with a password).
        endpoint: String,
        /// The application whose keys these are.
        app_name: String,
        set: BTreeMap<String, (Option<String>, String)>,
        delete: BTreeMap<String, String>,
    },
}

impl Change {
    /// Whether it changes nothing at all.
    pub fn is_empty(&self) -> bool {
        match self {
            Change::File { before, after, .. } => before == after,
            Change::Keys { set, delete, .. } => set.is_empty() && delete.is_empty(),
        }
    }

    /// What it changes: a file, or one application's keys in one sink. Two
    /// changes of one place in a mutation: the later one is what it does.
    /// (`None` for the directory, else the sink's name, and the file or
    /// the application.)
    pub fn place(&self) -> (Option<&str>, &str) {
        match self {
            Change::File { name, .. } => (None, name),
            Change::Keys { sink, app_name, .. } => (Some(sink), app_name),
        }
    }
}

/// A drift check in progress (see [`Sink::compare`]).
pub trait Comparison {
    /// One application, in app-name order, and what it should hold.
    fn expect(&mut self, app: &Application, config: Option<&DynamicConfig>) -> Result<()>;

    /// Once every application was given: the findings, orphans included,
    /// after mending every repairable one when `repair` is set.
    fn finish(self: Box<Self>, repair: bool) -> Result<Vec<Finding>>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The application should have a file (or keys) and has none.
    Missing,
    /// What the sink holds differs from what the database renders (edited
    /// by hand, stale, or present although the application should have
    /// none), or keys authgate did not write sit inside its names.
    Different,
    /// authgate's file or keys for which no application exists.
    Orphaned,
    /// A temp file left by an interrupted write.
    Temp,
    /// A file authgate did not write holds an application's name; it is
    /// never overwritten or removed.
    Foreign,
    /// A file authgate did not write that Traefik cannot load: it freezes
    /// the whole directory.
    Unloadable,
    /// A router authgate did not write routes a host of an application.
    Shadowing,
    /// Several applications route one host (a registry from before hosts
    /// had one owner).
    SharedHost,
    /// Applications of several organizations use one upstream address (a
    /// registry from before upstreams had an owner).
    SharedUpstream,
    /// An upstream of an organization other than the installation's
    /// reaches a refused address (loopback, link-local) that no network
    /// allowed for it contains.
    ForbiddenUpstream,
    /// A value stored before today's input rules that they refuse (an
    /// upstream, a realm, a display name, a username): it is published as
    /// stored until it is replaced.
    Refused,
    /// The staging subdirectory of the watched directory is not a plain
    /// subdirectory on its file system: writes are slower to reach Traefik.
    StagingElsewhere,
    /// A registered Traefik instance does not serve an application as
    /// authgate wrote it, or a router there gets around its middleware
    /// (`authgate status` says the same per application).
    NotServed,
    /// A change a sink missed while it was down: the next publishing
    /// command, or `sync`, publishes it there.
    Pending,
    /// A credential expired and is still published: `expire` (or `sync`)
    /// withdraws it.
    ExpiryDue,
}

impl Status {
    /// Whether `sync` repairs it; the others are the operator's to resolve.
    pub fn is_repairable(self) -> bool {
        matches!(
            self,
            Status::Missing
                | Status::Different
                | Status::Orphaned
                | Status::Temp
                | Status::Pending
                | Status::ExpiryDue
        )
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub path: PathBuf,
    pub app_name: Option<String>,
    pub status: Status,
    pub detail: String,
}
