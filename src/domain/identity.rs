//! Organizations, their users and roles, and API keys.

use serde::Serialize;

use crate::auth;
use crate::domain::session::{Mutation, Session};
use crate::domain::validate;
use crate::error::{Error, Result};
use crate::store::audit::Event;
use crate::store::keys;
use crate::store::tenancy::{self, Org};

pub use crate::auth::Role;
pub use crate::store::keys::ApiKey;
pub use crate::store::tenancy::Member;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgView {
    pub org_id: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub created_at: String,
}

/// Creates an organization; the caller becomes its owner.
pub fn create(session: &mut Session, name: &str) -> Result<Org> {
    validate::identifier("organization name", name)?;
    session.write(Event::new("org.create").target("organization", name), |m| {
        if tenancy::org_by_name(m.conn(), name)?.is_some() {
            return Err(Error::conflict(format!(
                "organization '{name}' already exists"
            )));
        }
        let org = tenancy::insert_org(m.conn(), name)?;
        tenancy::insert_member(m.conn(), &m.actor.user_id, &org.org_id, Role::Owner)?;
        let event = Event::new("org.create")
            .target("organization", &org.org_id)
            .detail(format!(
                "organization '{name}', owner '{}'",
                m.actor.user_name
            ));
        // Recorded in the new organization, whose audit trail it starts.
        m.audit_in(&org.org_id, &event)?;
        Ok(org)
    })
}

pub fn list(session: &Session) -> Result<Vec<OrgView>> {
    let user = tenancy::user_by_id(session.conn(), &session.actor.user_id)?
        .ok_or_else(|| Error::internal("the acting user disappeared"))?;
    Ok(tenancy::orgs_of_user(session.conn(), &user.user_id)?
        .into_iter()
        .map(|(org, role)| OrgView {
            active: user.active_org_id.as_deref() == Some(org.org_id.as_str()),
            org_id: org.org_id,
            name: org.name,
            role,
            created_at: org.created_at,
        })
        .collect())
}

/// Makes `name` the caller's active organization.
pub fn switch(session: &mut Session, name: &str) -> Result<Org> {
    session.write(Event::new("org.switch").target("organization", name), |m| {
        let org = tenancy::org_by_name(m.conn(), name)?
            .filter(|o| {
                tenancy::member(m.conn(), &o.org_id, &m.actor.user_id)
                    .ok()
                    .flatten()
                    .is_some()
            })
            .ok_or_else(|| {
                Error::not_found(format!(
                    "organization '{}' not found, or user '{}' is not a member of it",
                    validate::printable(name),
                    m.actor.user_name
                ))
            })?;
        tenancy::set_active_org(m.conn(), &m.actor.user_id, &org.org_id)?;
        m.audit(
            &Event::new("org.switch")
                .target("organization", &org.org_id)
                .detail(format!("to organization '{}'", org.name)),
        )?;
        Ok(org)
    })
}

/// A user created with its first API key, shown once.
pub struct NewUser {
    pub member: Member,
    pub api_key: String,
    pub key_id: String,
}

/// Creates a user in the active organization with a role, and its first key.
pub fn create_user(session: &mut Session, name: &str, role: Role) -> Result<NewUser> {
    validate::identifier("user name", name)?;
    session.write(
        Event::new("user.create")
            .target("user", name)
            .detail(format!("role {role}")),
        |m| {
            m.actor.require_manager("create users")?;
            if role == Role::Owner {
                m.actor.require_owner("create owners")?;
            }
            if tenancy::user_by_name(m.conn(), name)?.is_some() {
                return Err(Error::conflict(format!("user '{name}' already exists")));
            }
            let user = tenancy::insert_user(m.conn(), name, &m.actor.org_id)?;
            tenancy::insert_member(m.conn(), &user.user_id, &m.actor.org_id, role)?;
            let key = auth::mint_key();
            keys::insert(
                m.conn(),
                &key.key_id,
                &user.user_id,
                "default",
                &key.secret_sha256,
            )?;
            m.audit(
                &Event::new("user.create")
                    .target("user", &user.user_id)
                    .detail(format!("user '{name}' with role {role}")),
            )?;
            m.audit(
                &Event::new("apikey.create")
                    .target("api_key", &key.key_id)
                    .detail(format!("for user '{name}'")),
            )?;
            let member = tenancy::member(m.conn(), &m.actor.org_id, &user.user_id)?
                .ok_or_else(|| Error::internal("membership not found after insert"))?;
            Ok(NewUser {
                member,
                api_key: key.full_key,
                key_id: key.key_id,
            })
        },
    )
}

pub fn list_members(session: &Session) -> Result<Vec<Member>> {
    tenancy::members_of_org(session.conn(), &session.actor.org_id)
}

fn find_member(m: &crate::domain::session::Mutation<'_>, name: &str) -> Result<Member> {
    tenancy::member_by_name(m.conn(), &m.actor.org_id, name)?.ok_or_else(|| {
        Error::not_found(format!(
            "user '{}' is not a member of organization '{}'",
            validate::printable(name),
            m.actor.org_name
        ))
    })
}

/// Owners are protected: only an owner may change an owner's role or grant
/// the owner role, and the last owner stays.
fn check_owner_change(
    m: &crate::domain::session::Mutation<'_>,
    target: &Member,
    new_role: Option<Role>,
) -> Result<()> {
    if target.role == Role::Owner || new_role == Some(Role::Owner) {
        m.actor.require_owner("change owners")?;
    }
    if target.role == Role::Owner
        && new_role != Some(Role::Owner)
        && tenancy::count_owners(m.conn(), &m.actor.org_id)? <= 1
    {
        return Err(Error::conflict(format!(
            "'{}' is the last owner of organization '{}'; make another member owner first",
            target.name, m.actor.org_name
        )));
    }
    Ok(())
}

pub fn set_role(session: &mut Session, name: &str, role: Role) -> Result<Member> {
    session.write(
        Event::new("member.set_role")
            .target("user", name)
            .detail(format!("role {role}")),
        |m| {
            m.actor.require_manager("change roles")?;
            let target = find_member(m, name)?;
            check_owner_change(m, &target, Some(role))?;
            tenancy::set_role(m.conn(), &m.actor.org_id, &target.user_id, role)?;
            refuse_locking_out_the_installation(m)?;
            m.audit(
                &Event::new("member.set_role")
                    .target("user", &target.user_id)
                    .detail(format!(
                        "user '{}' from {} to {role}",
                        target.name, target.role
                    )),
            )?;
            Ok(Member { role, ..target })
        },
    )
}

pub fn remove_member(session: &mut Session, name: &str) -> Result<Member> {
    session.write(Event::new("member.remove").target("user", name), |m| {
        m.actor.require_manager("remove members")?;
        let target = find_member(m, name)?;
        check_owner_change(m, &target, None)?;
        tenancy::remove_member(m.conn(), &m.actor.org_id, &target.user_id)?;
        refuse_locking_out_the_installation(m)?;
        m.audit(
            &Event::new("member.remove")
                .target("user", &target.user_id)
                .detail(format!("user '{}' ({})", target.name, target.role)),
        )?;
        Ok(target)
    })
}

/// Refuses (exit 5), inside the change's transaction, a change after which
/// no owner of the installation organization holds an active API key:
/// every installation-wide command (settings, sinks, check, sync, restore)
/// would be out of reach, and only SQL by hand would bring it back.
fn refuse_locking_out_the_installation(m: &Mutation<'_>) -> Result<()> {
    let Some(org_id) = crate::auth::installation_org(m.conn())? else {
        return Ok(());
    };
    let active: i64 = m.conn().query_row(
        "SELECT count(*) FROM api_keys k JOIN members m ON m.user_id = k.user_id
         WHERE m.org_id = ?1 AND m.role = 'owner' AND k.revoked_at IS NULL",
        [&org_id],
        |r| r.get(0),
    )?;
    if active > 0 {
        return Ok(());
    }
    Err(Error::conflict(
        "no owner of the installation would have an active API key left, and nobody could run installation-wide commands again; nothing was changed: create another key first (`authgate apikey create --name NAME`), or give another owner one",
    ))
}

/// Creates another API key for the caller. Returns the key (shown once).
pub fn create_key(session: &mut Session, name: &str) -> Result<(ApiKey, String)> {
    validate::identifier("key name", name)?;
    session.write(
        Event::new("apikey.create").detail(format!("key '{name}'")),
        |m| {
            let key = auth::mint_key();
            keys::insert(
                m.conn(),
                &key.key_id,
                &m.actor.user_id,
                name,
                &key.secret_sha256,
            )?;
            m.audit(
                &Event::new("apikey.create")
                    .target("api_key", &key.key_id)
                    .detail(format!("key '{name}'")),
            )?;
            let stored = keys::by_id(m.conn(), &key.key_id)?
                .ok_or_else(|| Error::internal("API key not found after insert"))?;
            Ok((stored, key.full_key))
        },
    )
}

pub fn list_keys(session: &Session) -> Result<Vec<ApiKey>> {
    keys::of_user(session.conn(), &session.actor.user_id)
}

/// Revokes one of the caller's keys, or, for owners and admins, a key of a
/// member of the active organization.
pub fn revoke_key(session: &mut Session, key_id: &str) -> Result<ApiKey> {
    session.write(Event::new("apikey.revoke").target("api_key", key_id), |m| {
        let not_found = || {
            Error::not_found(format!(
                "API key '{}' not found in organization '{}'",
                validate::printable(key_id),
                m.actor.org_name
            ))
        };
        let key = keys::by_id(m.conn(), key_id)?.filter(|k| k.user_id == m.actor.user_id);
        let key = match key {
            Some(own) => own,
            None => {
                // Checked before looking the key up, so that the answer
                // says nothing about keys to those who may not revoke them.
                m.actor.require_manager("revoke other users' API keys")?;
                let key = keys::by_id(m.conn(), key_id)?.ok_or_else(not_found)?;
                let member = tenancy::member(m.conn(), &m.actor.org_id, &key.user_id)?
                    .ok_or_else(not_found)?;
                if member.role == Role::Owner {
                    m.actor.require_owner("revoke an owner's API keys")?;
                }
                // Keys are the user's, not the organization's: a user who
                // also belongs elsewhere would be locked out there too.
                if tenancy::orgs_of_user(m.conn(), &key.user_id)?.len() > 1 {
                    return Err(Error::unauthorized(format!(
                        "'{}' also belongs to other organizations, so only they can revoke their keys; remove them from '{}' instead",
                        key.user_name, m.actor.org_name
                    )));
                }
                key
            }
        };
        if key.revoked_at.is_some() {
            return Ok(key);
        }
        keys::revoke(m.conn(), key_id)?;
        refuse_locking_out_the_installation(m)?;
        m.audit(
            &Event::new("apikey.revoke")
                .target("api_key", key_id)
                .detail(format!("key '{}' of user '{}'", key.name, key.user_name)),
        )?;
        keys::by_id(m.conn(), key_id)?.ok_or_else(not_found)
    })
}
