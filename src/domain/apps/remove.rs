//! Removing an application with its credentials and its file.

use super::{Application, is_installation_owner};
use crate::auth::Access;
use crate::domain::foreign_definitions;
use crate::domain::names;
use crate::domain::session::{Publishes, Session};
use crate::error::Result;
use crate::store::applications;
use crate::store::audit::Event;
use crate::store::credentials;

/// Removes an application, its credentials (audited one by one) and its file.
/// Returns the application and how many credentials went with it.
pub fn remove(session: &mut Session, reference: &str, force: bool) -> Result<(Application, usize)> {
    let served = foreign_definitions::definitions(session.conn(), &session.sinks)?;
    session.write_publishing(
        |conn| Publishes::app(conn, reference),
        Event::new("app.remove").target("application", reference),
        |m| {
            let app = m.actor.authorize_app(m.conn(), reference, Access::Write)?;
            m.actor.require_manager("remove applications")?;
            let using = names::routers_using(&served, &app.app_name);
            let forced = if force && !using.is_empty() {
                format!(
                    "; forced while routers authgate did not write referenced its middleware: {}",
                    names::router_list(&using)
                )
            } else {
                names::refuse_giving_up(&app.app_name, &using, is_installation_owner(m))?;
                String::new()
            };
            let cascaded = credentials::of_app(m.conn(), &app.application_id)?;
            applications::delete(m.conn(), &app.application_id)?;
            names::give_up(m.conn(), &m.actor.org_id, &app.app_name)?;
            for c in &cascaded {
                m.audit(
                    &Event::new("security.delete")
                        .credential(c)
                        .app_name(&app.app_name)
                        .detail(format!(
                            "cascaded from removing application '{}'",
                            app.app_name
                        )),
                )?;
            }
            m.audit(
                &Event::new("app.remove")
                    .target("application", &app.application_id)
                    .application(&app.application_id)
                    .app_name(&app.app_name)
                    .detail(format!(
                        "app name '{}', {} credential(s) removed{forced}",
                        app.app_name,
                        cascaded.len()
                    )),
            )?;
            m.unpublish(&app.app_name)?;
            Ok((app, cascaded.len()))
        },
    )
}
