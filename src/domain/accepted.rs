//! What one application accepts: the credentials its middleware lists (its
//! own and those its project and environment share), the usernames among
//! them, and how many credentials it, its organization and the installation
//! may hold. Every rule about adding a username to an application lives
//! here. ARCHITECTURE.md, "Shared credentials".

use std::collections::HashMap;

use rusqlite::Connection;

use crate::domain::validate::printable;
use crate::error::{Error, Result};
use crate::store::applications::Application;
use crate::store::credentials::Credential;
use crate::store::shared::{self, Scope, Shared};
use crate::store::{credentials, settings};

/// Every credential `app` accepts: its own and, unless it uses fast
/// authentication (which takes only its own generated secrets), those its
/// project and its environment share, sorted by username (the order
/// Traefik gets).
pub fn credentials(conn: &Connection, app: &Application) -> Result<Vec<Credential>> {
    let own = credentials::of_app(conn, &app.application_id)?;
    if app.fast_auth {
        return Ok(own);
    }
    let inherited = shared::inherited_by(conn, app)?;
    Ok(merge(app, own, &inherited))
}

/// `app`'s own credentials and those of `shared` it inherits (any shared
/// credentials: those of other scopes are left out), sorted by username.
pub(crate) fn merge(
    app: &Application,
    mut own: Vec<Credential>,
    shared: &[Shared],
) -> Vec<Credential> {
    if app.fast_auth {
        return own;
    }
    let before = own.len();
    own.extend(
        shared
            .iter()
            .filter(|s| s.scope.holds(app))
            .map(|s| Credential {
                application_id: app.application_id.clone(),
                ..s.credential.clone()
            }),
    );
    if own.len() != before {
        own.sort_by(|a, b| a.username.cmp(&b.username));
    }
    own
}

/// The usernames `app` inherits from its project and environment, each
/// with the scope that shares it, but `except` (a shared credential being
/// renamed).
pub(crate) fn inherited_usernames(
    conn: &Connection,
    app: &Application,
    except: Option<&str>,
) -> Result<HashMap<String, String>> {
    Ok(shared::inherited_by(conn, app)?
        .into_iter()
        .filter(|s| Some(s.credential.security_id.as_str()) != except)
        .map(|s| (s.credential.username, s.scope.describe()))
        .collect())
}

/// The refusal (exit 5) of `username` for `app`, which inherits it from
/// `scope`.
pub(crate) fn inherited_conflict(app: &Application, username: &str, scope: &str) -> Error {
    Error::conflict(format!(
        "username '{}' is already shared with application '{}' by {scope}: one application cannot accept a username twice",
        printable(username),
        app.app_name
    ))
}

/// How many credentials `app` accepts, its own and inherited (expired ones
/// too): whether it has any decides whether it is public (or closed).
pub(crate) fn count(conn: &Connection, app: &Application) -> Result<i64> {
    let now = crate::store::now();
    let (inherited, _) = inherited_counts(app, &shared::inherited_by(conn, app)?, &now);
    Ok(credentials::count_of_app(conn, &app.application_id)? + inherited)
}

/// How many of `shared` `app` accepts (see [`merge`]), and how many of
/// those are active at `now`.
pub(crate) fn inherited_counts(app: &Application, shared: &[Shared], now: &str) -> (i64, i64) {
    if app.fast_auth {
        return (0, 0);
    }
    shared
        .iter()
        .filter(|s| s.scope.holds(app))
        .fold((0, 0), |(all, active), s| {
            (all + 1, active + i64::from(!s.credential.is_expired(now)))
        })
}

/// Refuses (exit 5) `username` for `app` when the application inherits it
/// from its project or environment (`except`: a shared credential being
/// renamed).
pub(crate) fn refuse_inherited(
    conn: &Connection,
    app: &Application,
    username: &str,
    except: Option<&str>,
) -> Result<()> {
    match inherited_usernames(conn, app, except)?.get(username) {
        Some(scope) => Err(inherited_conflict(app, username, scope)),
        None => Ok(()),
    }
}

/// Refuses (exit 5) a shared credential `username` in `scope` when an
/// application there would then accept it twice: the scope has it already,
/// an overlapping scope (the project, or one of its environments) shares
/// it, or an application of the scope has it as its own. `except`: the
/// credential being renamed. `apps`: the applications in the scope.
pub(crate) fn refuse_shared_duplicate(
    conn: &Connection,
    scope: &Scope,
    apps: &[Application],
    username: &str,
    except: Option<&str>,
) -> Result<()> {
    for s in shared::overlapping(conn, scope)? {
        if s.credential.username != username || Some(s.credential.security_id.as_str()) == except {
            continue;
        }
        return Err(Error::conflict(if s.scope == *scope {
            format!(
                "username '{}' already exists in {}",
                printable(username),
                scope.describe()
            )
        } else {
            format!(
                "username '{}' is already shared by {}: the applications of {} would accept it twice",
                printable(username),
                s.scope.describe(),
                scope.describe()
            )
        }));
    }
    for app in apps {
        if credentials::by_username(conn, &app.application_id, username)?.is_some() {
            return Err(Error::conflict(format!(
                "username '{}' is already a credential of application '{}' in {}: one application cannot accept a username twice (delete or rename that one first)",
                printable(username),
                app.app_name,
                scope.describe()
            )));
        }
        Usernames::of(conn, app, except)?.refuse_lookalike(app, username)?;
    }
    Ok(())
}

/// Default of `max-credentials-per-app`.
pub const DEFAULT_PER_APP: u64 = 1_000;
/// Default of `max-credentials-per-org`.
pub const DEFAULT_PER_ORG: u64 = 10_000;
/// Default of `max-credentials` (the whole installation: any user may
/// create organizations).
pub const DEFAULT_TOTAL: u64 = 100_000;
/// The most `max-credentials-per-app` may be raised to: an application's
/// file must stay below the read bound of the watched directory
/// (`sinks::file::MAX_READ`), even with the longest usernames (a test in
/// `traefik` renders it).
pub const MAX_PER_APP: u64 = 3_500;

/// Default of `max-import-bytes`: far above the largest import a quota lets
/// in, and a bound for a source that never ends.
pub const DEFAULT_IMPORT_BYTES: u64 = 16 * 1024 * 1024;
/// The most `max-import-bytes` may be raised to.
pub const MAX_IMPORT_BYTES: u64 = 1024 * 1024 * 1024;

/// The most an import reads, from a file or stdin alike.
pub fn max_import_bytes(conn: &Connection) -> Result<u64> {
    Ok(settings::get(conn, settings::MAX_IMPORT_BYTES)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_IMPORT_BYTES))
}

/// The usernames an application accepts, by their confusables skeleton
/// (Unicode's UTS #39): two usernames with one skeleton look alike, and a
/// user could be given the one that is not theirs.
pub struct Usernames {
    by_skeleton: HashMap<String, String>,
}

fn skeleton(name: &str) -> String {
    unicode_security::skeleton(name).collect()
}

impl Usernames {
    /// The usernames `app` accepts, its own and those it inherits, but
    /// `except` (a credential being renamed).
    pub fn of(conn: &Connection, app: &Application, except: Option<&str>) -> Result<Usernames> {
        let mut by_skeleton = HashMap::new();
        let inherited = shared::inherited_by(conn, app)?
            .into_iter()
            .map(|s| (s.credential.security_id, s.credential.username));
        for (security_id, username) in credentials::usernames_of_app(conn, &app.application_id)?
            .into_iter()
            .chain(inherited)
        {
            if Some(security_id.as_str()) != except {
                by_skeleton.insert(skeleton(&username), username);
            }
        }
        Ok(Usernames { by_skeleton })
    }

    /// Refuses (exit 5) a username that looks like another the application
    /// accepts; the same username is not this rule's (it is a duplicate).
    pub fn refuse_lookalike(&self, app: &Application, username: &str) -> Result<()> {
        match self.by_skeleton.get(&skeleton(username)) {
            Some(existing) if existing != username => Err(Error::conflict(format!(
                "username '{}' looks like '{}', which application '{}' already accepts (Unicode's confusables, UTS #39): choose a name that cannot be mistaken for it",
                crate::domain::validate::printable(username),
                crate::domain::validate::printable(existing),
                app.app_name
            ))),
            _ => Ok(()),
        }
    }

    /// Counts `username` as accepted from now on (an import's next lines).
    pub fn add(&mut self, username: &str) {
        self.by_skeleton
            .insert(skeleton(username), username.to_string());
    }
}

/// A limit on credentials, as operators name it.
struct Quota {
    setting: &'static str,
    key: &'static str,
    default: u64,
}

const PER_APP: Quota = Quota {
    setting: "max-credentials-per-app",
    key: settings::MAX_CREDENTIALS_PER_APP,
    default: DEFAULT_PER_APP,
};
const PER_ORG: Quota = Quota {
    setting: "max-credentials-per-org",
    key: settings::MAX_CREDENTIALS_PER_ORG,
    default: DEFAULT_PER_ORG,
};
const TOTAL: Quota = Quota {
    setting: "max-credentials",
    key: settings::MAX_CREDENTIALS,
    default: DEFAULT_TOTAL,
};

impl Quota {
    fn value(&self, conn: &Connection) -> Result<u64> {
        Ok(settings::get(conn, self.key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(self.default))
    }
}

/// Refuses (exit 5) adding `adding` credentials to `app` when that would
/// put the application, its organization or the installation above its
/// quota. Counted inside the caller's write transaction. An application
/// already above a lowered quota keeps what it has: deleting works, adding
/// does not.
pub fn refuse_over_quota(conn: &Connection, app: &Application, adding: u64) -> Result<()> {
    refuse_over_quotas(conn, std::slice::from_ref(app), &app.org_id, adding)
}

/// [`refuse_over_quota`] for a credential every application of `apps`
/// accepts (a shared one), held by organization `org_id`.
pub(crate) fn refuse_over_quotas(
    conn: &Connection,
    apps: &[Application],
    org_id: &str,
    adding: u64,
) -> Result<()> {
    if adding == 0 {
        return Ok(());
    }
    // Each check: the quota, its limit, what the credentials are held by,
    // and how many it holds.
    let mut checks = Vec::new();
    let per_app = PER_APP.value(conn)?;
    for app in apps {
        let inherited = shared::inherited_by(conn, app)?.len() as u64;
        checks.push((
            &PER_APP,
            per_app,
            credentials::count_in_app(conn, &app.application_id)? + inherited,
            format!("application '{}'", app.app_name),
        ));
    }
    // Counting the organization's and the installation's credentials reads
    // every one of them; a bound on both, found at once, mostly shows that
    // neither quota is near.
    let (per_org, total) = (PER_ORG.value(conn)?, TOTAL.value(conn)?);
    let at_most = credentials::at_most_all(conn)?.saturating_add(shared::at_most_all(conn)?);
    if at_most.saturating_add(adding) > per_org.min(total) {
        checks.push((
            &PER_ORG,
            per_org,
            credentials::count_in_org(conn, org_id)? + shared::count_in_org(conn, org_id)?,
            "its organization".to_string(),
        ));
        checks.push((
            &TOTAL,
            total,
            credentials::count_all(conn)? + shared::count_all(conn)?,
            "the installation".to_string(),
        ));
    }
    for (quota, limit, held, whose) in checks {
        if held + adding > limit {
            return Err(Error::conflict(format!(
                "{whose} holds {held} credential(s) and {} is at most {limit}: adding {adding} would go above it; nothing was changed (an installation owner sets it: `authgate settings set {} N`)",
                quota.setting, quota.setting
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::applications::AccessRules;
    use crate::store::credentials::Credential;

    /// The largest file the per-application quota allows, with the longest
    /// usernames (255 characters of 4 bytes each) and trusted networks,
    /// protected paths and TLS: below what the watched directory's reader
    /// reads, so `check` and `sync` can always compare it.
    #[test]
    fn the_largest_file_a_quota_allows_is_read_whole() {
        let app = Application {
            application_id: "app-1".into(),
            app_name: "a".repeat(63),
            name: "x".into(),
            org_id: "o".into(),
            project: "p".into(),
            environment: "e".into(),
            environment_id: "e".into(),
            project_id: "p".into(),
            domains: (0..32)
                .map(|i| format!("{i}.{}.example", "d".repeat(50)))
                .collect(),
            hosts: Vec::new(),
            upstreams: vec!["http://10.0.0.5:3000".into()],
            entrypoints: vec!["websecure".into()],
            tls: true,
            cert_resolver: Some("le".into()),
            realm: Some("r".repeat(200)),
            access: AccessRules {
                public_paths: Vec::new(),
                protect_paths: (0..32)
                    .map(|i| format!("/{i}{}", "p".repeat(100)))
                    .collect(),
                trusted_networks: (0..32).map(|i| format!("10.0.{i}.0/24")).collect(),
                allow_preflight: true,
            },
            guard: true,
            guard_max_failures: None,
            banned: Vec::new(),
            fast_auth: false,
            private: false,
            created_at: String::new(),
            updated_at: String::new(),
        };
        let credentials: Vec<Credential> = (0..MAX_PER_APP)
            .map(|i| {
                let mut username = format!("{i:05}");
                while username.chars().count() < 255 {
                    username.push('\u{1F600}');
                }
                Credential {
                    security_id: i.to_string(),
                    application_id: "app-1".into(),
                    username,
                    password_hash: format!("$2y$14${}", "a".repeat(53)),
                    created_at: String::new(),
                    updated_at: String::new(),
                    expires_at: None,
                    weak: false,
                    withdrawn_at: None,
                }
            })
            .collect();
        let config = crate::traefik::render(&app, &credentials, "2026-01-01T00:00:00Z").unwrap();
        let yaml = crate::traefik::to_yaml(&app, &config).unwrap();
        let (size, bound) = (yaml.len() as u64, crate::sinks::file::MAX_READ);
        assert!(size < bound, "{size} bytes, above {bound}");
    }
}
