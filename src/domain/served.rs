//! What Traefik really serves (ARCHITECTURE.md, "What Traefik serves"): the
//! Traefik instances an installation owner registers (`traefik add`), and,
//! asked through each one's API, whether it serves what authgate wrote for
//! an application (`--wait`, `status`), whether a router of any provider
//! gets around an application's middleware, and what a request without
//! credentials gets (the probe).

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde::Serialize;

use crate::auth::Access;
use crate::domain::session::{Options, PublishedApp, Session};
use crate::domain::validate;
use crate::error::{Error, Result};
use crate::store::applications::{self, Application, ClaimedHost};
use crate::store::audit::Event;
use crate::traefik::PRIORITY_MAIN;
use crate::traefik::api::{Client, RawData};
use crate::traefik::probe::{self, Certificates};
use crate::traefik::rules::{self, HostMatch};
use crate::traefik::{self, DynamicConfig};

pub use crate::store::instances::Instance;

pub use crate::domain::session::DIRECTORY;

/// A Traefik instance to register.
#[derive(Debug, Clone, Default)]
pub struct NewInstance {
    pub name: String,
    pub api_url: String,
    /// `directory` and/or sink names; none: the directory.
    pub reads: Vec<String>,
    pub entrypoint_urls: Vec<String>,
    pub api_user: Option<String>,
    pub password_file: Option<String>,
    pub password_env: Option<String>,
}

/// A base URL of HTTP(S), without credentials, path, query or fragment.
fn check_base_url(what: &str, url: &str) -> Result<()> {
    let parsed = url::Url::parse(url)
        .map_err(|e| Error::bad_request(format!("invalid {what} '{url}': {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::bad_request(format!(
            "invalid {what} '{url}': use http://HOST:PORT or https://HOST:PORT"
        )));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::bad_request(format!(
            "the {what} must not carry credentials (the command line is visible to other users): give --api-user and --password-file or --password-env"
        )));
    }
    if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::bad_request(format!(
            "invalid {what} '{url}': give only the scheme, host and port"
        )));
    }
    Ok(())
}

/// The API's password, read now from its file or variable.
fn api_password(instance: &Instance) -> Result<Option<String>> {
    crate::input::secret(
        instance.password_file.as_deref(),
        instance.password_env.as_deref(),
        &format!("the API of Traefik instance '{}'", instance.name),
    )
}

fn client(instance: &Instance) -> Result<Client> {
    let password = api_password(instance)?;
    Ok(Client::new(
        &instance.api_url,
        match (&instance.api_user, &password) {
            (Some(user), Some(pw)) => Some((user.as_str(), pw.as_str())),
            _ => None,
        },
    ))
}

/// Registers a Traefik instance (installation owners only, audited), once
/// its API answers as Traefik's.
pub fn add_instance(session: &mut Session, new: NewInstance) -> Result<Instance> {
    validate::identifier("Traefik instance name", &new.name)?;
    check_base_url("API URL", &new.api_url)?;
    for url in &new.entrypoint_urls {
        check_base_url("entry point URL", url)?;
    }
    if new.password_file.is_some() && new.password_env.is_some() {
        return Err(Error::bad_request(
            "give the API password with --password-file or --password-env, not both",
        ));
    }
    if new.api_user.is_some() != (new.password_file.is_some() || new.password_env.is_some()) {
        return Err(Error::bad_request(
            "the API's basic auth needs both --api-user and a password (--password-file or --password-env)",
        ));
    }
    let mut reads = if new.reads.is_empty() {
        vec![DIRECTORY.to_string()]
    } else {
        new.reads.clone()
    };
    reads.sort();
    reads.dedup();
    let instance = Instance {
        name: new.name,
        api_url: new.api_url.trim_end_matches('/').to_string(),
        reads,
        entrypoint_urls: new
            .entrypoint_urls
            .iter()
            .map(|u| u.trim_end_matches('/').to_string())
            .collect(),
        api_user: new.api_user,
        password_file: new.password_file,
        password_env: new.password_env,
        created_at: crate::store::now(),
    };
    let api = client(&instance)?;
    session.write(
        Event::new("traefik.add").target("traefik", &instance.name),
        |m| {
            m.actor
                .require_installation_owner(m.conn(), "register Traefik instances")?;
            let sinks = crate::store::sinks::all(m.conn())?;
            for read in &instance.reads {
                if read != DIRECTORY && !sinks.iter().any(|s| &s.name == read) {
                    return Err(Error::bad_request(format!(
                        "--reads '{}' is neither '{DIRECTORY}' nor a sink's name (`authgate sink list`)",
                        read.escape_debug()
                    )));
                }
            }
            if crate::store::instances::by_name(m.conn(), &instance.name)?.is_some() {
                return Err(Error::conflict(format!(
                    "a Traefik instance named '{}' already exists",
                    instance.name
                )));
            }
            let version = api.version().map_err(|why| {
                Error::bad_request(format!(
                    "Traefik's API at {} does not answer: {why}; nothing was registered",
                    instance.api_url
                ))
            })?;
            crate::store::instances::insert(m.conn(), &instance)?;
            m.audit(
                &Event::new("traefik.add")
                    .target("traefik", &instance.name)
                    .detail(format!(
                        "Traefik {version} at {}, reads {}",
                        instance.api_url,
                        instance.reads.join(", ")
                    )),
            )?;
            Ok(instance.clone())
        },
    )
}

/// The registered instances (installation owners only).
pub fn list_instances(session: &Session) -> Result<Vec<Instance>> {
    session.read(Event::new("traefik.list"), |conn, actor| {
        actor.require_installation_owner(conn, "list Traefik instances")?;
        crate::store::instances::all(conn)
    })
}

/// Forgets an instance (installation owners only, audited).
pub fn remove_instance(session: &mut Session, name: &str) -> Result<Instance> {
    session.write(Event::new("traefik.remove").target("traefik", name), |m| {
        m.actor
            .require_installation_owner(m.conn(), "remove Traefik instances")?;
        let instance = crate::store::instances::by_name(m.conn(), name)?.ok_or_else(|| {
            Error::not_found(format!(
                "no Traefik instance named '{}'",
                name.escape_debug()
            ))
        })?;
        crate::store::instances::remove(m.conn(), name)?;
        m.audit(&Event::new("traefik.remove").target("traefik", name))?;
        Ok(instance)
    })
}

/// The Traefik providers an instance reads authgate's configuration
/// through: `file` for the directory, a sink's kind for a sink.
fn providers_of(conn: &Connection, instance: &Instance) -> Result<Vec<(String, &'static str)>> {
    let sinks = crate::store::sinks::all(conn)?;
    let mut out = Vec::new();
    for read in &instance.reads {
        if read == DIRECTORY {
            out.push((read.clone(), "file"));
        } else if let Some(sink) = sinks.iter().find(|s| &s.name == read) {
            let kind = crate::sinks::configured::PROVIDERS
                .iter()
                .find(|p| p.kind == sink.kind)
                .map_or("redis", |p| p.kind);
            out.push((read.clone(), kind));
        }
    }
    Ok(out)
}

/// How one instance stands to one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub app_name: String,
    pub instance: String,
    /// `served`, `stale`, `missing`, `error`, `bypassed`, `unprotected`,
    /// `unreachable`, or `dangling` (a router references an `…-auth@…`
    /// middleware that does not exist).
    pub state: &'static str,
    /// What Traefik says, or what differs.
    pub detail: String,
}

impl Finding {
    pub fn is_served(&self) -> bool {
        self.state == "served"
    }
}

/// A name the API gives (`shop-auth@file`), for one written as `shop-auth`
/// by provider `provider`.
fn qualified(name: &str, provider: &str) -> String {
    if name.contains('@') {
        name.to_string()
    } else {
        format!("{name}@{provider}")
    }
}

/// Whether `name@provider` is one of `app_name`'s: its router, its
/// access-rule routers (`<app>.<rule>`), its service or its middleware.
fn is_of_app(key: &str, app_name: &str, provider: &str) -> bool {
    let Some(name) = key.strip_suffix(&format!("@{provider}")) else {
        return false;
    };
    name == app_name
        || name == format!("{app_name}-auth")
        || name
            .strip_prefix(app_name)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Whether `raw` serves `config` for `app_name` through `provider`
/// (`None`: nothing of the application's): `Ok(())`, or the state and what
/// differs.
fn compare(
    raw: &RawData,
    provider: &str,
    app_name: &str,
    config: Option<&DynamicConfig>,
) -> std::result::Result<(), (&'static str, String)> {
    let Some(config) = config else {
        let left: Vec<&String> = raw
            .routers
            .keys()
            .chain(raw.middlewares.keys())
            .chain(raw.services.keys())
            .filter(|k| is_of_app(k, app_name, provider))
            .collect();
        return match left.first() {
            None => Ok(()),
            Some(k) => Err(("stale", format!("still serves {k}"))),
        };
    };
    let http = &config.http;
    for (name, written) in &http.middlewares {
        let key = qualified(name, provider);
        let Some(served) = raw.middlewares.get(&key) else {
            return Err(("missing", format!("no middleware {key}")));
        };
        if served.status != "enabled" {
            return Err(("error", format!("{key}: {}", served.error.join("; "))));
        }
        // The ban middleware never changes: that it is served is enough.
        let Some(written) = &written.basic_auth else {
            continue;
        };
        let users: BTreeSet<&String> = served
            .basic_auth
            .as_ref()
            .map(|b| b.users.iter().collect())
            .unwrap_or_default();
        let want: BTreeSet<&String> = written.users.iter().collect();
        let realm = served.basic_auth.as_ref().and_then(|b| b.realm.as_deref());
        if realm.is_some_and(|r| r != written.realm) {
            return Err(("stale", format!("{key} serves another realm")));
        }
        if users != want {
            return Err((
                "stale",
                format!(
                    "{key} serves {} user(s), {} of them not as written",
                    users.len(),
                    users.difference(&want).count()
                ),
            ));
        }
    }
    for (name, written) in &http.routers {
        let key = qualified(name, provider);
        let Some(served) = raw.routers.get(&key) else {
            return Err(("missing", format!("no router {key}")));
        };
        if served.status != "enabled" {
            return Err(("error", format!("{key}: {}", served.error.join("; "))));
        }
        let middlewares: Vec<String> = written
            .middlewares
            .iter()
            .map(|m| qualified(m, provider))
            .collect();
        let served_middlewares: Vec<String> = served
            .middlewares
            .iter()
            .map(|m| qualified(m, provider))
            .collect();
        let mut entry_points = written.entry_points.clone();
        entry_points.sort();
        let mut served_entry_points = served.entry_points.clone();
        served_entry_points.sort();
        let what = if served.rule != written.rule {
            Some("rule")
        } else if served_middlewares != middlewares {
            Some("middlewares")
        } else if !entry_points.is_empty() && served_entry_points != entry_points {
            Some("entry points")
        } else if qualified(&served.service, provider) != qualified(&written.service, provider) {
            Some("service")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(("stale", format!("{key} serves another {what}")));
        }
    }
    for name in http.services.keys() {
        let key = qualified(name, provider);
        match raw.services.get(&key) {
            None => return Err(("missing", format!("no service {key}"))),
            Some(s) if s.status != "enabled" && !s.status.is_empty() => {
                return Err(("error", format!("{key}: {}", s.error.join("; "))));
            }
            Some(_) => {}
        }
    }
    let extra = raw.routers.keys().find(|k| {
        is_of_app(k, app_name, provider)
            && !http.routers.contains_key(k.split('@').next().unwrap_or(""))
    });
    if let Some(k) = extra {
        return Err(("stale", format!("still serves {k}")));
    }
    Ok(())
}

/// What authgate writes for `app_name` now: its configuration, or `None`.
fn written(conn: &Connection, app_name: &str) -> Result<Option<DynamicConfig>> {
    let Some(app) = applications::by_app_name(conn, app_name)? else {
        return Ok(None);
    };
    let list = crate::domain::accepted::credentials(conn, &app)?;
    Ok(traefik::render(&app, &list, &crate::store::now()))
}

/// Refuses `--wait` before anything is done when no instance is registered
/// to ask. A registry that cannot be read is left to the command to report.
pub fn check_wait(options: &Options) -> Result<()> {
    let Ok(path) = options.db_path() else {
        return Ok(());
    };
    let Ok(conn) = crate::store::open_read_only(&path) else {
        return Ok(());
    };
    if crate::store::instances::all(&conn)?.is_empty() {
        return Err(no_instance());
    }
    Ok(())
}

fn no_instance() -> Error {
    Error::bad_request(
        "--wait asks Traefik's API, and no Traefik instance is registered: an installation owner registers one with `authgate traefik add NAME --api http://127.0.0.1:8080`",
    )
}

/// Waits until every registered instance that reads a sink the command
/// wrote serves what authgate wrote for each application it published, or
/// `timeout` runs out, or `interrupted` says to stop: then `NOT_APPLIED`,
/// naming the instance, the application and what Traefik says.
pub fn wait(
    session: &Session,
    published: &[PublishedApp],
    unloadable: &[String],
    timeout: Duration,
    interrupted: &dyn Fn() -> bool,
) -> Result<()> {
    let conn = session.conn();
    let instances = crate::store::instances::all(conn)?;
    if instances.is_empty() {
        return Err(no_instance());
    }
    // What to ask each instance: (instance, client, provider, app, config).
    let mut asks = Vec::new();
    let mut expected: BTreeMap<String, Option<DynamicConfig>> = BTreeMap::new();
    for p in published {
        if !expected.contains_key(&p.app_name) {
            expected.insert(p.app_name.clone(), written(conn, &p.app_name)?);
        }
    }
    for instance in &instances {
        let providers = providers_of(conn, instance)?;
        let apps: Vec<(&'static str, String)> = published
            .iter()
            .filter_map(|p| {
                providers
                    .iter()
                    .find(|(place, _)| *place == p.place)
                    .map(|(_, provider)| (*provider, p.app_name.clone()))
            })
            .collect();
        if !apps.is_empty() {
            asks.push((instance, client(instance)?, apps));
        }
    }
    let deadline = Instant::now() + timeout;
    let mut pending: Vec<usize> = (0..asks.len()).collect();
    loop {
        let mut last = None;
        pending.retain(|&i| {
            let (instance, api, apps) = &asks[i];
            let raw = match api.raw_data() {
                Ok(raw) => raw,
                Err(why) => {
                    last = Some((instance.name.clone(), String::new(), why));
                    return true;
                }
            };
            for (provider, app_name) in apps {
                let config = expected.get(app_name).and_then(Option::as_ref);
                if let Err((state, detail)) = compare(&raw, provider, app_name, config) {
                    last = Some((
                        instance.name.clone(),
                        app_name.clone(),
                        format!("{state}: {detail}"),
                    ));
                    return true;
                }
            }
            false
        });
        if pending.is_empty() {
            return Ok(());
        }
        let stopped = interrupted();
        if stopped || Instant::now() >= deadline {
            let (instance, app, why) = last.unwrap_or_default();
            let mut message = if stopped {
                format!(
                    "the change is committed, but the wait was interrupted before Traefik instance '{instance}' served it ({})",
                    if app.is_empty() {
                        why
                    } else {
                        format!("application '{app}': {why}")
                    }
                )
            } else if app.is_empty() {
                format!(
                    "the change is committed, but Traefik instance '{instance}' could not be asked within {}: {why}",
                    humantime::format_duration(timeout)
                )
            } else {
                format!(
                    "the change is committed, but Traefik instance '{instance}' does not serve application '{app}' as written after {} ({why})",
                    humantime::format_duration(timeout)
                )
            };
            if !unloadable.is_empty() {
                message.push_str(&format!(
                    "; Traefik cannot load {} in its directory, which holds back every change there",
                    unloadable.join(", ")
                ));
            }
            return Err(Error::not_applied(message));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A request without credentials per protected host, sent through every
/// entry point URL of each instance as a client would send it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Probe {
    /// Over HTTPS, refuse a certificate a browser would refuse (by default
    /// any is accepted: the probe asks what Traefik routes).
    pub verify_certificates: bool,
}

/// The state of every application the caller may see (or `app_ref`'s), on
/// every registered instance; with a `probe`, what a request without
/// credentials gets too. Installation owners also see routers anywhere that
/// reference an `…-auth@…` middleware that does not exist.
pub fn status(
    session: &Session,
    app_ref: Option<&str>,
    probe: Option<Probe>,
) -> Result<Vec<Finding>> {
    session.read(Event::new("traefik.status"), |conn, actor| {
        let apps: Vec<Application> = match app_ref {
            Some(r) => vec![actor.authorize_app(conn, r, Access::Read)?],
            None => applications::list(conn, &actor.org_id, actor.grant_filter())?,
        };
        let instances = crate::store::instances::all(conn)?;
        if instances.is_empty() {
            return Err(Error::not_found(
                "no Traefik instance is registered: an installation owner registers one with `authgate traefik add NAME --api http://127.0.0.1:8080`",
            ));
        }
        let owner = actor.is_installation_owner(conn)?;
        findings(
            conn,
            &instances,
            &apps,
            &session.providers(),
            probe.map(|p| {
                if p.verify_certificates {
                    Certificates::Verified
                } else {
                    Certificates::Unverified
                }
            }),
            owner && app_ref.is_none(),
        )
    })
}

/// What every instance serves of `apps`; with `probe`, what a request
/// without credentials gets; with `dangling`, the routers anywhere that
/// reference an `…-auth@…` middleware that does not exist.
fn findings(
    conn: &Connection,
    instances: &[Instance],
    apps: &[Application],
    providers: &[&str],
    probe: Option<Certificates>,
    with_dangling: bool,
) -> Result<Vec<Finding>> {
    let claimed: Vec<ClaimedHost> = applications::claimed_hosts(conn)?
        .into_iter()
        .filter(|c| apps.iter().any(|a| a.app_name == c.app_name))
        .collect();
    let mut out = Vec::new();
    for instance in instances {
        let reads = providers_of(conn, instance)?;
        let raw = match client(instance)?.raw_data() {
            Ok(raw) => raw,
            Err(why) => {
                for app in apps {
                    out.push(Finding {
                        app_name: app.app_name.clone(),
                        instance: instance.name.clone(),
                        state: "unreachable",
                        detail: why.clone(),
                    });
                }
                continue;
            }
        };
        for app in apps {
            let config = written(conn, &app.app_name)?;
            let mut finding = Finding {
                app_name: app.app_name.clone(),
                instance: instance.name.clone(),
                state: "served",
                detail: String::new(),
            };
            for (_, provider) in &reads {
                if let Err((state, detail)) =
                    compare(&raw, provider, &app.app_name, config.as_ref())
                {
                    finding.state = state;
                    finding.detail = detail;
                    break;
                }
            }
            if finding.is_served()
                && let Some(detail) = bypass(&raw, app, &claimed, providers)
            {
                finding.state = "bypassed";
                finding.detail = detail;
            }
            // A host that answers without credentials matters most: it
            // overrides what the API alone suggests.
            if matches!(finding.state, "served" | "bypassed")
                && let Some(certificates) = probe
                && let Some((state, detail)) = probe_app(instance, app, certificates)
            {
                finding.state = state;
                finding.detail = detail;
            }
            out.push(finding);
        }
        if with_dangling {
            out.extend(dangling(&raw, &instance.name));
        }
    }
    Ok(out)
}

/// For `check`, when instances are registered: every application of the
/// installation that an instance does not serve as written, and every
/// dangling reference.
pub(crate) fn not_served(conn: &Connection, providers: &[&str]) -> Result<Vec<Finding>> {
    let instances = crate::store::instances::all(conn)?;
    if instances.is_empty() {
        return Ok(Vec::new());
    }
    let apps: Vec<Application> =
        applications::with_all(conn, |rows| rows.collect::<Result<Vec<_>>>())?;
    Ok(findings(conn, &instances, &apps, providers, None, true)?
        .into_iter()
        .filter(|f| !f.is_served())
        .collect())
}

/// A router of any provider, not one of authgate's own for `app`, that can
/// take one of its hosts without its middleware: named with its provider.
fn bypass(
    raw: &RawData,
    app: &Application,
    claimed: &[ClaimedHost],
    providers: &[&str],
) -> Option<String> {
    for (key, served) in &raw.routers {
        let Some((name, provider)) = key.rsplit_once('@') else {
            continue;
        };
        if provider == "internal" || providers.iter().any(|p| is_of_app(key, &app.app_name, p)) {
            continue;
        }
        let router = rules::Router {
            name: name.to_string(),
            rule: Some(served.rule.clone()),
            entry_points: served.entry_points.clone(),
            middlewares: served.middlewares.clone(),
            priority: served.priority,
        };
        let middleware = format!("{}-auth", app.app_name);
        if providers
            .iter()
            .any(|p| router.uses_middleware(&middleware, p, provider))
        {
            continue;
        }
        for holder in claimed.iter().filter(|c| c.app_name == app.app_name) {
            let takes = match router.routes(&holder.host, &holder.entrypoints) {
                HostMatch::No => false,
                HostMatch::Named => true,
                // A catch-all takes the host only above authgate's main
                // router's priority (or, for external routing, any).
                HostMatch::Any => {
                    !holder.managed || router.effective_priority() >= i64::from(PRIORITY_MAIN)
                }
            };
            if takes {
                return Some(format!(
                    "router {key} can take host {} without {}-auth",
                    holder.host, app.app_name
                ));
            }
        }
    }
    None
}

/// Routers anywhere that reference an `…-auth@…` middleware Traefik does
/// not have: the requests they match are refused or served unprotected.
fn dangling(raw: &RawData, instance: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for (key, router) in &raw.routers {
        let provider = key.rsplit_once('@').map_or("", |(_, p)| p);
        for m in &router.middlewares {
            let m = qualified(m, provider);
            if m.split('@').next().is_some_and(|n| n.ends_with("-auth"))
                && !raw.middlewares.contains_key(&m)
            {
                out.push(Finding {
                    app_name: "-".into(),
                    instance: instance.to_string(),
                    state: "dangling",
                    detail: format!(
                        "router {key} references {m}, which does not exist{}",
                        if router.error.is_empty() {
                            String::new()
                        } else {
                            format!(" (Traefik: {})", router.error.join("; "))
                        }
                    ),
                });
            }
        }
    }
    out
}

/// One request without credentials per protected host of `app`, through
/// each of the instance's entry points (with the host's name as SNI over
/// HTTPS): `None` when every answer is as it should be (401 with the
/// application's realm where authentication is needed; anything but 401 on
/// a public path); otherwise `unprotected` and what answered, or
/// `unreachable` and why nothing did.
fn probe_app(
    instance: &Instance,
    app: &Application,
    certificates: Certificates,
) -> Option<(&'static str, String)> {
    let mut hosts: Vec<&String> = app.domains.iter().chain(app.hosts.iter()).collect();
    hosts.truncate(32);
    let protected = app
        .access
        .protect_paths
        .first()
        .cloned()
        .unwrap_or_else(|| "/".to_string());
    let realm = format!("realm=\"{}\"", app.realm_or_default());
    for base in &instance.entrypoint_urls {
        for host in &hosts {
            match probe::get(base, host, &protected, certificates) {
                Ok(answer) if answer.status == 401 => {
                    let challenge = answer.challenge.unwrap_or_default();
                    if !challenge.contains(&realm) {
                        return Some((
                            "unprotected",
                            format!(
                                "GET {protected} for {host} through {base}: 401 from another realm ({challenge})"
                            ),
                        ));
                    }
                }
                Ok(answer) => {
                    return Some((
                        "unprotected",
                        format!(
                            "GET {protected} for {host} through {base} answered {} without credentials",
                            answer.status
                        ),
                    ));
                }
                Err(e) => {
                    return Some((
                        "unreachable",
                        format!("GET {protected} for {host} through {base}: {e}"),
                    ));
                }
            }
            for public in &app.access.public_paths {
                if let Ok(answer) = probe::get(base, host, public, certificates)
                    && answer.status == 401
                {
                    return Some((
                        "unprotected",
                        format!(
                            "public path {public} for {host} through {base} asks for credentials"
                        ),
                    ));
                }
            }
        }
    }
    None
}
