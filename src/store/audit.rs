//! The audit log. Rows name the actor, the organization, the action, the
//! target and the outcome; never a password, a hash or an API key secret.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::now;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok,
    Denied,
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Error => "error",
        }
    }
}

/// One audit event. Built with the `with_*` methods; the actor and the
/// organization are filled in by the session that records it.
#[derive(Debug, Clone, Default)]
pub struct Event {
    pub action: String,
    pub target_type: Option<String>,
    pub target: Option<String>,
    pub application_id: Option<String>,
    pub security_id: Option<String>,
    pub username: Option<String>,
    pub detail: Option<String>,
}

impl Event {
    pub fn new(action: &str) -> Self {
        Event {
            action: action.to_string(),
            ..Event::default()
        }
    }
    pub fn target(mut self, kind: &str, target: &str) -> Self {
        self.target_type = Some(kind.to_string());
        self.target = Some(target.to_string());
        self
    }
    pub fn application(mut self, application_id: &str) -> Self {
        self.application_id = Some(application_id.to_string());
        self
    }
    pub fn security(mut self, security_id: &str) -> Self {
        self.security_id = Some(security_id.to_string());
        self
    }
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_string());
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// Who acted, in which organization.
#[derive(Debug, Clone, Default)]
pub struct Actor<'a> {
    pub user_id: Option<&'a str>,
    pub user_name: Option<&'a str>,
    pub org_id: Option<&'a str>,
}

pub fn record(conn: &Connection, actor: &Actor<'_>, event: &Event, outcome: Outcome) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor_user_id, actor_name, org_id, action, target_type, target,
             application_id, security_id, username, outcome, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        now(),
        actor.user_id,
        actor.user_name,
        actor.org_id,
        event.action,
        event.target_type,
        event.target,
        event.application_id,
        event.security_id,
        event.username,
        outcome.as_str(),
        event.detail,
    ])?;
    Ok(())
}
