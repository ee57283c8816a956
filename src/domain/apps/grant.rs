//! Members' and viewers' access to an application.

use crate::auth::Access;
use crate::domain::session::Session;
use crate::domain::validate;
use crate::error::{Error, Result};
use crate::store::audit::Event;
use crate::store::tenancy;

/// Grants (or with `grant == false` revokes) a member's access to an
/// application. Returns whether anything changed.
pub fn set_grant(session: &mut Session, reference: &str, user: &str, grant: bool) -> Result<bool> {
    let action = if grant { "app.grant" } else { "app.revoke" };
    session.write(
        Event::new(action)
            .target("application", reference)
            .detail(format!("user '{user}'")),
        |m| {
            let app = m.actor.authorize_app(m.conn(), reference, Access::Write)?;
            m.actor.require_manager("grant access to applications")?;
            let member =
                tenancy::member_by_name(m.conn(), &m.actor.org_id, user)?.ok_or_else(|| {
                    Error::not_found(format!(
                        "user '{}' is not a member of organization '{}'",
                        validate::printable(user),
                        m.actor.org_name
                    ))
                })?;
            let changed = if grant {
                tenancy::grant(m.conn(), &member.user_id, &app.application_id)?
            } else {
                tenancy::revoke(m.conn(), &member.user_id, &app.application_id)?
            };
            if changed {
                m.audit(
                    &Event::new(action)
                        .target("user", &member.user_id)
                        .application(&app.application_id)
                        .detail(format!("user '{}' on '{}'", member.name, app.app_name)),
                )?;
            }
            Ok(changed)
        },
    )
}
