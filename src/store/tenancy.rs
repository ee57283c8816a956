//! Organizations, users, memberships, projects, environments and grants.

use crate::store::scope::app_in_org;
use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{new_id, now};
use crate::error::{Error, Result};

/// A member's role in an organization, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Admin,
    Member,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
            Role::Viewer => "viewer",
        }
    }

    /// Owners and admins manage the whole organization.
    pub fn manages_org(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "owner" => Ok(Role::Owner),
            "admin" => Ok(Role::Admin),
            "member" => Ok(Role::Member),
            "viewer" => Ok(Role::Viewer),
            other => Err(Error::bad_request(format!(
                "unknown role '{other}': use owner, admin, member or viewer"
            ))),
        }
    }
}

impl ToSql for Role {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Role {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: Error| FromSqlError::Other(e.to_string().into()))
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Org {
    pub org_id: String,
    pub name: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub user_id: String,
    pub name: String,
    pub active_org_id: Option<String>,
    pub created_at: String,
}

/// A user's membership in one organization.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub user_id: String,
    pub name: String,
    pub org_id: String,
    pub role: Role,
    pub joined_at: String,
}

pub fn insert_org(conn: &Connection, name: &str) -> Result<Org> {
    let org = Org {
        org_id: new_id(),
        name: name.to_string(),
        created_at: now(),
    };
    conn.execute(
        "INSERT INTO organizations (org_id, name, created_at) VALUES (?1, ?2, ?3)",
        params![org.org_id, org.name, org.created_at],
    )?;
    Ok(org)
}

pub fn org_by_name(conn: &Connection, name: &str) -> Result<Option<Org>> {
    Ok(conn
        .query_row(
            "SELECT org_id, name, created_at FROM organizations WHERE name = ?1",
            [name],
            |r| {
                Ok(Org {
                    org_id: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// The organizations a user belongs to, with the user's role in each.
pub fn orgs_of_user(conn: &Connection, user_id: &str) -> Result<Vec<(Org, Role)>> {
    let mut stmt = conn.prepare(
        "SELECT o.org_id, o.name, o.created_at, m.role
         FROM organizations o JOIN members m ON m.org_id = o.org_id
         WHERE m.user_id = ?1 ORDER BY o.name",
    )?;
    let rows = stmt.query_map([user_id], |r| {
        Ok((
            Org {
                org_id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
            },
            r.get::<_, Role>(3)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn insert_user(conn: &Connection, name: &str, active_org_id: &str) -> Result<User> {
    let user = User {
        user_id: new_id(),
        name: name.to_string(),
        active_org_id: Some(active_org_id.to_string()),
        created_at: now(),
    };
    conn.execute(
        "INSERT INTO users (user_id, name, active_org_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![user.user_id, user.name, user.active_org_id, user.created_at],
    )?;
    Ok(user)
}

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        user_id: r.get(0)?,
        name: r.get(1)?,
        active_org_id: r.get(2)?,
        created_at: r.get(3)?,
    })
}

pub fn user_by_id(conn: &Connection, user_id: &str) -> Result<Option<User>> {
    Ok(conn
        .query_row(
            "SELECT user_id, name, active_org_id, created_at FROM users WHERE user_id = ?1",
            [user_id],
            user_from_row,
        )
        .optional()?)
}

pub fn user_by_name(conn: &Connection, name: &str) -> Result<Option<User>> {
    Ok(conn
        .query_row(
            "SELECT user_id, name, active_org_id, created_at FROM users WHERE name = ?1",
            [name],
            user_from_row,
        )
        .optional()?)
}

pub fn set_active_org(conn: &Connection, user_id: &str, org_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE users SET active_org_id = ?2 WHERE user_id = ?1",
        params![user_id, org_id],
    )?;
    Ok(())
}

pub fn insert_member(conn: &Connection, user_id: &str, org_id: &str, role: Role) -> Result<()> {
    conn.execute(
        "INSERT INTO members (user_id, org_id, role, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![user_id, org_id, role, now()],
    )?;
    Ok(())
}

const MEMBER_SELECT: &str = "SELECT u.user_id, u.name, m.org_id, m.role, m.created_at
     FROM members m JOIN users u ON u.user_id = m.user_id";

fn member_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        user_id: r.get(0)?,
        name: r.get(1)?,
        org_id: r.get(2)?,
        role: r.get(3)?,
        joined_at: r.get(4)?,
    })
}

pub fn member(conn: &Connection, org_id: &str, user_id: &str) -> Result<Option<Member>> {
    Ok(conn
        .query_row(
            &format!("{MEMBER_SELECT} WHERE m.org_id = ?1 AND m.user_id = ?2"),
            params![org_id, user_id],
            member_from_row,
        )
        .optional()?)
}

pub fn member_by_name(conn: &Connection, org_id: &str, name: &str) -> Result<Option<Member>> {
    Ok(conn
        .query_row(
            &format!("{MEMBER_SELECT} WHERE m.org_id = ?1 AND u.name = ?2"),
            params![org_id, name],
            member_from_row,
        )
        .optional()?)
}

pub fn members_of_org(conn: &Connection, org_id: &str) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare(&format!(
        "{MEMBER_SELECT} WHERE m.org_id = ?1 ORDER BY u.name"
    ))?;
    let rows = stmt.query_map([org_id], member_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_owners(conn: &Connection, org_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM members WHERE org_id = ?1 AND role = 'owner'",
        [org_id],
        |r| r.get(0),
    )?)
}

pub fn set_role(conn: &Connection, org_id: &str, user_id: &str, role: Role) -> Result<()> {
    conn.execute(
        "UPDATE members SET role = ?3 WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id, role],
    )?;
    Ok(())
}

/// Removes a membership, with the user's grants on the org's applications.
pub fn remove_member(conn: &Connection, org_id: &str, user_id: &str) -> Result<()> {
    conn.execute(
        concat!(
            "DELETE FROM app_grants WHERE user_id = ?2 AND application_id IN (
             SELECT a.application_id FROM applications a WHERE ",
            app_in_org!("a"),
            ")"
        ),
        params![org_id, user_id],
    )?;
    conn.execute(
        "DELETE FROM members WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id],
    )?;
    conn.execute(
        "UPDATE users SET active_org_id = NULL WHERE user_id = ?2 AND active_org_id = ?1",
        params![org_id, user_id],
    )?;
    Ok(())
}

/// Finds or creates an organization's project. Returns its id.
pub fn ensure_project(conn: &Connection, org_id: &str, project: &str) -> Result<String> {
    conn.execute(
        "INSERT INTO projects (project_id, org_id, name, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (org_id, name) DO NOTHING",
        params![new_id(), org_id, project, now()],
    )?;
    Ok(conn.query_row(
        "SELECT project_id FROM projects WHERE org_id = ?1 AND name = ?2",
        params![org_id, project],
        |r| r.get(0),
    )?)
}

/// Finds or creates the project and environment an application goes into.
/// Returns the environment id and the project id.
pub fn ensure_environment(
    conn: &Connection,
    org_id: &str,
    project: &str,
    environment: &str,
) -> Result<(String, String)> {
    let project_id = ensure_project(conn, org_id, project)?;
    conn.execute(
        "INSERT INTO environments (environment_id, project_id, name, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (project_id, name) DO NOTHING",
        params![new_id(), project_id, environment, now()],
    )?;
    let environment_id = conn.query_row(
        "SELECT environment_id FROM environments WHERE project_id = ?1 AND name = ?2",
        params![project_id, environment],
        |r| r.get(0),
    )?;
    Ok((environment_id, project_id))
}

pub fn has_grant(conn: &Connection, user_id: &str, application_id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM app_grants WHERE user_id = ?1 AND application_id = ?2",
            params![user_id, application_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Returns false when the grant already existed.
pub fn grant(conn: &Connection, user_id: &str, application_id: &str) -> Result<bool> {
    Ok(conn.execute(
        "INSERT INTO app_grants (user_id, application_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![user_id, application_id, now()],
    )? == 1)
}

/// Returns false when there was no grant.
pub fn revoke(conn: &Connection, user_id: &str, application_id: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM app_grants WHERE user_id = ?1 AND application_id = ?2",
        params![user_id, application_id],
    )? == 1)
}
