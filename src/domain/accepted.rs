//! What one application accepts: the usernames its middleware lists, and
//! how many credentials it, its organization and the installation may hold.
//! Every rule about adding a username to an application lives here, so that
//! credentials an application inherits (a later kind) join them in one
//! place.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::applications::Application;
use crate::store::{credentials, settings};

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
    /// The usernames `app` accepts, but `except` (a credential being
    /// renamed).
    pub fn of(conn: &Connection, app: &Application, except: Option<&str>) -> Result<Usernames> {
        let mut by_skeleton = HashMap::new();
        for (security_id, username) in credentials::usernames_of_app(conn, &app.application_id)? {
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
    if adding == 0 {
        return Ok(());
    }
    let checks = [
        (
            &PER_APP,
            credentials::count_in_app(conn, &app.application_id)?,
            format!("application '{}'", app.app_name),
        ),
        (
            &PER_ORG,
            credentials::count_in_org(conn, &app.org_id)?,
            "its organization".to_string(),
        ),
        (
            &TOTAL,
            credentials::count_all(conn)?,
            "the installation".to_string(),
        ),
    ];
    for (quota, held, whose) in checks {
        let limit = quota.value(conn)?;
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
