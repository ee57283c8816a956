//! Identity (API keys) and organization-scoped authorization (ARCHITECTURE.md, "Authorization").

use rand::RngExt;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Error, Remedy, Result};
use crate::store::applications::Application;
use crate::store::credentials::Credential;
pub use crate::store::tenancy::Role;
use crate::store::{applications, credentials, keys, tenancy};

/// What an operation does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// The authenticated user acting in one organization.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: String,
    pub user_name: String,
    pub org_id: String,
    pub org_name: String,
    pub role: Role,
}

const KEY_PREFIX: &str = "ag_";
const KEY_ID_BYTES: usize = 8;
const SECRET_LEN: usize = 40;
const SECRET_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A freshly minted API key: the full key is shown once, only the digest is kept.
pub(crate) struct NewKey {
    pub key_id: String,
    pub full_key: String,
    pub secret_sha256: Vec<u8>,
}

pub(crate) fn mint_key() -> NewKey {
    let mut rng = rand::rng();
    let id_bytes: [u8; KEY_ID_BYTES] = rng.random();
    let key_id = hex::encode(id_bytes);
    let secret: String = (0..SECRET_LEN)
        .map(|_| SECRET_ALPHABET[rng.random_range(0..SECRET_ALPHABET.len())] as char)
        .collect();
    NewKey {
        full_key: format!("{KEY_PREFIX}{key_id}_{secret}"),
        secret_sha256: Sha256::digest(secret.as_bytes()).to_vec(),
        key_id,
    }
}

/// Resolves an API key to its user, and records its use unless
/// `record_use` is false (a dry run changes nothing).
pub(crate) fn authenticate(
    conn: &Connection,
    key: &str,
    record_use: bool,
) -> Result<tenancy::User> {
    let invalid =
        || Error::unauthorized("the API key is invalid or revoked").remedy(Remedy::ApiKey);
    let rest = key.trim().strip_prefix(KEY_PREFIX).ok_or_else(|| {
        Error::unauthorized("the API key is malformed (expected ag_<key-id>_<secret>)")
            .remedy(Remedy::ApiKey)
    })?;
    let (key_id, secret) = rest.split_once('_').ok_or_else(invalid)?;
    let stored = keys::by_id(conn, key_id)?.ok_or_else(invalid)?;
    let digest = Sha256::digest(secret.as_bytes());
    let matches: bool = digest.as_slice().ct_eq(&stored.secret_sha256).into();
    if !matches || stored.revoked_at.is_some() {
        return Err(invalid());
    }
    if record_use {
        keys::touch(conn, key_id, stored.last_used_at.as_deref())?;
    }
    tenancy::user_by_id(conn, &stored.user_id)?.ok_or_else(invalid)
}

/// The error for callers that have no key at all.
pub(crate) fn missing_key() -> Error {
    Error::unauthorized("no API key found").remedy(Remedy::ApiKey)
}

/// Puts the user in an organization: `org` when given, else the user's
/// active one. The user must be a member.
pub fn actor(conn: &Connection, user: &tenancy::User, org: Option<&str>) -> Result<Actor> {
    actor_among(user, org, &tenancy::orgs_of_user(conn, &user.user_id)?)
}

/// [`actor`], with the user's `memberships` (each organization and the
/// user's role in it) already read.
pub(crate) fn actor_among(
    user: &tenancy::User,
    org: Option<&str>,
    memberships: &[(tenancy::Org, tenancy::Role)],
) -> Result<Actor> {
    let not_member = |name: &str| {
        Error::not_found(format!(
            "organization '{name}' not found, or user '{}' is not a member of it",
            user.name
        ))
    };
    let (org, role) = match org {
        Some(name) => memberships
            .iter()
            .find(|(o, _)| o.name == name)
            .ok_or_else(|| not_member(name))?,
        None => {
            let Some(org_id) = user.active_org_id.as_deref() else {
                return Err(Error::not_found(format!(
                    "user '{}' has no active organization",
                    user.name
                ))
                .remedy(Remedy::ChooseOrganization));
            };
            memberships
                .iter()
                .find(|(o, _)| o.org_id == org_id)
                .ok_or_else(|| not_member(org_id))?
        }
    };
    Ok(Actor {
        user_id: user.user_id.clone(),
        user_name: user.name.clone(),
        org_id: org.org_id.clone(),
        org_name: org.name.clone(),
        role: *role,
    })
}

/// The installation organization (the one `init` made), whose owners
/// administer the whole installation; `None` before `init`.
pub(crate) fn installation_org(conn: &Connection) -> Result<Option<String>> {
    Ok(
        match crate::store::settings::get(conn, crate::store::settings::INSTALLATION_ORG)? {
            Some(id) => Some(id),
            // Registries from before the setting: the oldest organization.
            None => conn
                .query_row(
                    "SELECT org_id FROM organizations ORDER BY created_at, rowid LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .ok(),
        },
    )
}

impl Actor {
    /// Requires the owner or admin role for an organization-wide operation.
    pub fn require_manager(&self, what: &str) -> Result<()> {
        if self.role.manages_org() {
            Ok(())
        } else {
            Err(Error::unauthorized(format!(
                "only owners and admins of organization '{}' can {what}; '{}' is a {}",
                self.org_name, self.user_name, self.role
            )))
        }
    }

    pub fn require_owner(&self, what: &str) -> Result<()> {
        if self.role == Role::Owner {
            Ok(())
        } else {
            Err(Error::unauthorized(format!(
                "only owners of organization '{}' can {what}; '{}' is a {}",
                self.org_name, self.user_name, self.role
            )))
        }
    }

    /// Requires the user to own the installation's first organization (the
    /// one `init` created, whatever organization they act in now): settings,
    /// sinks, `check` and `sync` act on every tenant at once, and any user
    /// can create an organization of their own.
    pub fn require_installation_owner(&self, conn: &Connection, what: &str) -> Result<()> {
        if self.is_installation_owner(conn)? {
            Ok(())
        } else {
            Err(Error::unauthorized(format!(
                "only owners of the installation's first organization can {what}; '{}' is not one",
                self.user_name
            )))
        }
    }

    /// Whether the user owns the installation's first organization.
    pub(crate) fn is_installation_owner(&self, conn: &Connection) -> Result<bool> {
        Ok(match installation_org(conn)? {
            Some(org_id) => tenancy::member(conn, &org_id, &self.user_id)?
                .is_some_and(|m| m.role == Role::Owner),
            None => false,
        })
    }

    /// For listings: `None` when the actor sees the whole organization, else
    /// the user whose grants restrict what is visible.
    pub fn grant_filter(&self) -> Option<&str> {
        (!self.role.manages_org()).then_some(self.user_id.as_str())
    }

    /// The same message for an application that exists nowhere and one of
    /// another organization (no existence oracle), with the names the
    /// caller may see that are close to `reference`; audited as a denial
    /// only when the application exists elsewhere.
    fn app_not_found(&self, conn: &Connection, reference: &str) -> Result<Error> {
        let mut message = format!(
            "application '{}' not found in organization '{}'",
            crate::error::printable(reference),
            self.org_name
        );
        let visible = applications::names_in_org(conn, &self.org_id, self.grant_filter(), "")?;
        let mut close: Vec<(f64, &String)> = visible
            .iter()
            .map(|name| (strsim::jaro_winkler(reference, name), name))
            .filter(|(score, _)| *score >= 0.8)
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0));
        if let Some((_, name)) = close.first() {
            message.push_str(&format!(" (did you mean '{name}'?)"));
        }
        Ok(match applications::org_of(conn, reference)? {
            Some(_) => Error::not_found(message),
            None => Error::absent(message),
        })
    }

    /// The same message for an absent credential and one in another
    /// organization: no existence oracle.
    pub fn credential_not_found(&self, security_id: &str) -> Error {
        Error::not_found(format!(
            "credential '{}' not found in organization '{}'",
            crate::error::printable(security_id),
            self.org_name
        ))
    }

    /// Checks that the role, and for members and viewers the grant, allow
    /// `access` to an application of this organization.
    pub fn check_app_access(
        &self,
        conn: &Connection,
        app: &Application,
        access: Access,
    ) -> Result<()> {
        let allowed = match self.role {
            Role::Owner | Role::Admin => true,
            Role::Member => tenancy::has_grant(conn, &self.user_id, &app.application_id)?,
            Role::Viewer => {
                access == Access::Read
                    && tenancy::has_grant(conn, &self.user_id, &app.application_id)?
            }
        };
        if allowed {
            Ok(())
        } else {
            let why = match (self.role, access) {
                (Role::Viewer, Access::Write) => "viewers can only read".to_string(),
                _ => format!(
                    "'{}' is a {} without a grant on '{}'",
                    self.user_name, self.role, app.app_name
                ),
            };
            Err(Error::unauthorized(format!(
                "You are not authorized to access this application ({why})"
            )))
        }
    }

    /// Finds an application of the active organization by id or app name,
    /// and authorizes `access` to it.
    pub fn authorize_app(
        &self,
        conn: &Connection,
        reference: &str,
        access: Access,
    ) -> Result<Application> {
        let Some(app) = applications::in_org(conn, &self.org_id, reference)? else {
            return Err(self.app_not_found(conn, reference)?);
        };
        self.check_app_access(conn, &app, access)?;
        Ok(app)
    }

    /// Finds a credential by id within the active organization, and
    /// authorizes `access` to its application.
    pub fn authorize_credential(
        &self,
        conn: &Connection,
        security_id: &str,
        access: Access,
    ) -> Result<(Application, Credential)> {
        let credential = credentials::in_org(conn, &self.org_id, security_id)?
            .ok_or_else(|| self.credential_not_found(security_id))?;
        let app = applications::by_id(conn, &credential.application_id)?
            .ok_or_else(|| self.credential_not_found(security_id))?;
        self.check_app_access(conn, &app, access)?;
        Ok((app, credential))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_keys_have_the_documented_shape() {
        let k = mint_key();
        let rest = k.full_key.strip_prefix("ag_").unwrap();
        let (id, secret) = rest.split_once('_').unwrap();
        assert_eq!(id, k.key_id);
        assert_eq!(id.len(), 16);
        assert_eq!(secret.len(), SECRET_LEN);
        assert_eq!(Sha256::digest(secret.as_bytes()).to_vec(), k.secret_sha256);
        assert_ne!(mint_key().full_key, k.full_key);
    }
}
