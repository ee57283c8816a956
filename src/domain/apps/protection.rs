//! What Traefik does with an application's requests now, from its
//! credentials.

use super::{Application, list};
use crate::domain::accepted;
use crate::domain::session::Session;
use crate::error::Result;
use crate::store::{credentials, now, shared};

/// What Traefik does with an application's requests now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Protection {
    /// `public` (managed routing, no credential), `protected`, `locked`
    /// (401 to everyone: every credential expired, or a private application
    /// without credentials) or `no middleware` (routing defined elsewhere,
    /// no credential: routers that reference the middleware answer 404).
    pub state: &'static str,
    /// The credentials Traefik accepts.
    pub active_users: i64,
}

/// The protection of an application, from the credentials it accepts now
/// (its own and those it inherits).
pub fn protection(session: &Session, app: &Application) -> Result<Protection> {
    let conn = session.conn();
    let now = now();
    let (total, active) = credentials::counts_of_app(conn, &app.application_id, &now)?;
    let (more, more_active) =
        accepted::inherited_counts(app, &shared::inherited_by(conn, app)?, &now);
    Ok(Protection::of(app, total + more, active + more_active))
}

/// The caller's applications with their protection, as `list` gives them:
/// three queries, whatever their number.
pub fn list_with_protection(session: &Session) -> Result<Vec<(Application, Protection)>> {
    let conn = session.conn();
    let now = now();
    let counts = credentials::counts_in_org(conn, &session.actor.org_id, &now)?;
    let shared = shared::list(conn, &session.actor.org_id, None, None)?;
    Ok(list(session)?
        .into_iter()
        .map(|app| {
            let (total, active) = counts.get(&app.application_id).copied().unwrap_or((0, 0));
            let (more, more_active) = accepted::inherited_counts(&app, &shared, &now);
            let protection = Protection::of(&app, total + more, active + more_active);
            (app, protection)
        })
        .collect())
}

impl Protection {
    /// From an application's credential counts: all of them, and the
    /// active ones.
    fn of(app: &Application, total: i64, active: i64) -> Protection {
        let state = match (total, active, app.has_managed_routing()) {
            // Private: closed, like an application whose credentials all
            // expired, never public.
            (0, _, _) if app.private => "locked",
            (0, _, true) => "public",
            (0, _, false) => "no middleware",
            (_, 0, _) => "locked",
            _ => "protected",
        };
        Protection {
            state,
            active_users: active,
        }
    }

    /// What an application that was just removed has.
    pub const REMOVED: Protection = Protection {
        state: "removed",
        active_users: 0,
    };
}
