//! App names and router names have one owner (ARCHITECTURE.md, "Shared
//! ground"): an app name names a router, a service and a middleware that
//! routers outside authgate may reference, so a name given up stays with its
//! organization for a while, and a router outside authgate that an
//! application declares is that application's alone.

use chrono::{TimeDelta, Utc};
use rusqlite::Connection;

use crate::domain::foreign_definitions::{ForeignDefinitions, ForeignRouter};
use crate::domain::session::Session;
use crate::domain::validate::{self, printable};
use crate::error::{Error, Remedy, Result};
use crate::store::audit::Event;
use crate::store::names::{self, Released};
use crate::store::{applications, now, settings, timestamp};
use crate::traefik;

/// How long a name given up stays reserved to its organization, unless
/// the `name-reservation-days` setting says otherwise.
pub const DEFAULT_RESERVATION_DAYS: u32 = 30;
/// The longest reservation the setting accepts (ten years).
pub const MAX_RESERVATION_DAYS: u32 = 3650;
/// Routers an application may declare.
pub const MAX_DECLARED_ROUTERS: usize = 32;

/// The reservation the installation applies, in days.
pub fn reservation_days(conn: &Connection) -> Result<u32> {
    Ok(settings::get(conn, settings::NAME_RESERVATION_DAYS)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_RESERVATION_DAYS))
}

/// The organization a name given up is still reserved to, if any.
fn reserved_to(conn: &Connection, app_name: &str) -> Result<Option<Released>> {
    let Some(released) = names::released(conn, app_name)? else {
        return Ok(None);
    };
    let days = reservation_days(conn)?;
    let until = chrono::DateTime::parse_from_rfc3339(&released.released_at)
        .ok()
        .and_then(|at| {
            at.with_timezone(&Utc)
                .checked_add_signed(TimeDelta::days(days.into()))
        });
    Ok(match until {
        Some(until) if timestamp(until) > now() => Some(released),
        // Expired (or unreadable, which only SQL by hand writes).
        _ => None,
    })
}

/// Refuses an app name that another organization gave up within the
/// reservation; its own organization takes it back (and the reservation
/// ends). The message does not say which organization holds it.
pub fn claim_app_name(conn: &Connection, org_id: &str, app_name: &str) -> Result<()> {
    match reserved_to(conn, app_name)? {
        Some(held) if held.org_id != org_id => Err(Error::conflict(format!(
            "app name '{app_name}' was given up recently and is reserved to the organization that held it for {} day(s): routers outside authgate may still reference its middleware '{app_name}-auth', and would let in whoever holds the name's credentials",
            reservation_days(conn)?
        ))
        .remedy(Remedy::ReleaseName)),
        _ => {
            names::forget(conn, app_name)?;
            Ok(())
        }
    }
}

/// Records that `org_id` gave `app_name` up now.
pub fn give_up(conn: &Connection, org_id: &str, app_name: &str) -> Result<()> {
    names::release(conn, app_name, org_id, &now())
}

/// Ends the reservation of a name given up, so that any organization may
/// take it (installation owners only, audited). Returns the reservation.
pub fn release(session: &mut Session, app_name: &str) -> Result<Released> {
    validate::app_name(app_name)?;
    session.write(
        Event::new("app.release-name").target("app name", app_name),
        |m| {
            m.actor
                .require_installation_owner(m.conn(), "release app names")?;
            let Some(released) = names::released(m.conn(), app_name)? else {
                return Err(Error::not_found(format!(
                    "app name '{app_name}' is not reserved: no organization gave it up, or it was taken or released since"
                )));
            };
            names::forget(m.conn(), app_name)?;
            m.audit(
                &Event::new("app.release-name")
                    .target("app name", app_name)
                    .detail(format!(
                        "app name '{app_name}' released: it was reserved to organization '{}' since {}",
                        released.org_name, released.released_at
                    )),
            )?;
            Ok(released)
        },
    )
}

/// Checks a router reference an application declares, `NAME@PROVIDER` as
/// Traefik names routers in its access log.
pub fn router_reference(value: &str) -> Result<()> {
    let invalid = |why: &str| {
        Err(Error::bad_request(format!(
            "invalid router '{}': {why}",
            printable(value)
        )))
    };
    let Some((name, provider)) = value.split_once('@') else {
        return invalid(
            "give NAME@PROVIDER as Traefik's access log names it (portal-router@docker)",
        );
    };
    let name_ok = !name.is_empty()
        && name.len() <= 255
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !name_ok {
        return invalid("the name takes 1-255 letters, digits, '.', '_' or '-'");
    }
    let provider_ok = !provider.is_empty()
        && provider.len() <= 64
        && provider
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !provider_ok {
        return invalid(
            "the provider takes 1-64 lowercase letters or digits (file, docker, kubernetescrd, ...)",
        );
    }
    Ok(())
}

/// Checks every declared router, drops duplicates, and caps their number.
pub fn check_routers(routers: &mut Vec<String>) -> Result<()> {
    for r in routers.iter() {
        router_reference(r)?;
    }
    let mut seen = std::collections::BTreeSet::new();
    routers.retain(|r| seen.insert(r.clone()));
    if routers.len() > MAX_DECLARED_ROUTERS {
        return Err(Error::bad_request(format!(
            "too many routers: {} given, at most {MAX_DECLARED_ROUTERS}",
            routers.len()
        )));
    }
    Ok(())
}

/// The app name whose routers `router_name` would be among (`shop` for
/// `shop` and `shop.public`), when it has that shape.
fn app_of_router_name(router_name: &str) -> &str {
    match router_name.split_once('.') {
        Some((app, extra)) if traefik::EXTRA_ROUTERS.contains(&extra) => app,
        _ => router_name,
    }
}

/// Refuses routers that another application declared, or that are (or may
/// become) another application's own router in a namespace authgate
/// publishes to (`providers`). The message is the same wherever the holder
/// is.
pub fn claim_routers(
    conn: &Connection,
    org_id: &str,
    application_id: &str,
    routers: &[String],
    providers: &[&str],
) -> Result<()> {
    for router in routers {
        let taken = || {
            Err(Error::conflict(format!(
                "router '{router}' is already another application's: one router serves one application, across every organization"
            )))
        };
        if names::router_holder(conn, router, application_id)?.is_some() {
            return taken();
        }
        let Some((name, provider)) = router.split_once('@') else {
            continue;
        };
        if !providers.contains(&provider) {
            continue;
        }
        let app_name = app_of_router_name(name);
        if let Some(holder) = applications::by_app_name(conn, app_name)?
            && holder.application_id != application_id
        {
            return taken();
        }
        if validate::app_name(app_name).is_ok() {
            claim_reserved_router(conn, org_id, app_name, router)?;
        }
    }
    Ok(())
}

/// A router named like authgate's routers of an app name that is reserved
/// to another organization: declaring it would take that name.
fn claim_reserved_router(
    conn: &Connection,
    org_id: &str,
    app_name: &str,
    router: &str,
) -> Result<()> {
    match reserved_to(conn, app_name)? {
        Some(held) if held.org_id != org_id => Err(Error::conflict(format!(
            "router '{router}' is named like the routers of app name '{app_name}', which was given up recently and is reserved to the organization that held it"
        ))
        .remedy(Remedy::ReleaseName)),
        _ => Ok(()),
    }
}

/// Refuses an app name whose routers, in a namespace authgate publishes
/// to, another application declared.
pub fn claim_router_names(
    conn: &Connection,
    application_id: &str,
    app_name: &str,
    providers: &[&str],
) -> Result<()> {
    let published: Vec<String> = traefik::router_names(app_name)
        .into_iter()
        .flat_map(|name| providers.iter().map(move |p| format!("{name}@{p}")))
        .collect();
    if names::any_declared(conn, &published, application_id)? {
        return Err(Error::conflict(format!(
            "app name '{app_name}' names routers that another application declared as serving it: one router serves one application, across every organization"
        )));
    }
    Ok(())
}

/// Records the routers an application declares (replacing the earlier
/// ones), once [`claim_routers`] accepted them.
pub fn set_declared_routers(
    conn: &Connection,
    application_id: &str,
    routers: &[String],
) -> Result<()> {
    names::set_declared_routers(conn, application_id, routers)
}

/// The routers an application declares.
pub fn declared_routers(conn: &Connection, application_id: &str) -> Result<Vec<String>> {
    names::declared_routers(conn, application_id)
}

/// Whether a middleware reference (`shop-auth`, `shop-auth@file`,
/// `shop-auth@docker`) names the middleware of `app_name`, whatever the
/// provider: a bare name resolves to the router's own provider, which
/// authgate publishes to as well.
fn references(middleware: &str, app_name: &str) -> bool {
    let name = middleware.split_once('@').map_or(middleware, |(n, _)| n);
    name == format!("{app_name}-auth")
}

/// The routers authgate did not write that reference the middleware of
/// `app_name`.
pub fn routers_using<'d>(defs: &'d ForeignDefinitions, app_name: &str) -> Vec<&'d ForeignRouter> {
    defs.routers
        .iter()
        .filter(|r| r.middlewares.iter().any(|m| references(m, app_name)))
        .collect()
}

/// Refuses to give `app_name` up while routers authgate did not write
/// reference its middleware: whoever takes the name next would receive
/// their users. An installation owner is told where each router is; others
/// only its name (the file or key is the installation's).
pub fn refuse_giving_up(
    app_name: &str,
    using: &[&ForeignRouter],
    installation_owner: bool,
) -> Result<()> {
    if using.is_empty() {
        return Ok(());
    }
    let routers: Vec<String> = using
        .iter()
        .map(|r| {
            if installation_owner {
                format!("router '{}' ({})", r.name, r.origin)
            } else {
                format!("router '{}'", r.name)
            }
        })
        .collect();
    Err(Error::conflict(format!(
        "app name '{app_name}' is still in use: routers authgate did not write reference its middleware '{app_name}-auth': {}; giving the name up would hand them to whoever takes the name next",
        routers.join(", "),
    ))
    .remedy(Remedy::ForceGiveUpName))
}

/// Refuses a new app name whose middleware routers authgate did not write
/// already reference, unless the actor owns the installation (who writes
/// those routers): whoever takes the name decides who those routers let
/// in. Others learn only the routers' names.
pub fn refuse_taking_referenced(
    defs: &ForeignDefinitions,
    app_name: &str,
    installation_owner: bool,
) -> Result<()> {
    let using = routers_using(defs, app_name);
    if installation_owner || using.is_empty() {
        return Ok(());
    }
    Err(Error::conflict(format!(
        "app name '{app_name}' is refused: routers authgate did not write already reference its middleware '{app_name}-auth' ({}), so its credentials would open them; only an installation owner may take it",
        router_list(&using)
    )))
}

/// The router names of `using`, for the audit log.
pub fn router_list(using: &[&ForeignRouter]) -> String {
    using
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses an app name whose router, service or middleware a definition
/// authgate did not write already holds, in the namespace of a provider
/// that will publish it (`providers`): Traefik would keep one of the two
/// (in the directory the first file; in a key-value store the keys mix).
/// The message is the same whoever holds it; an installation owner also
/// learns where.
pub fn claim_served_name(
    defs: &ForeignDefinitions,
    app_name: &str,
    providers: &[&str],
    installation_owner: bool,
) -> Result<()> {
    let ours = |provider: &str| providers.contains(&provider);
    let routers = traefik::router_names(app_name);
    let middleware = format!("{app_name}-auth");
    let found = defs
        .routers
        .iter()
        .find(|r| ours(&r.provider) && routers.contains(&r.name))
        .map(|r| ("router", &r.name, &r.provider, &r.origin))
        .or_else(|| {
            defs.services
                .iter()
                .find(|(n, p, _)| ours(p) && n == app_name)
                .map(|(n, p, o)| ("service", n, p, o))
        })
        .or_else(|| {
            defs.middlewares
                .iter()
                .find(|(n, p, _)| ours(p) && *n == middleware)
                .map(|(n, p, o)| ("middleware", n, p, o))
        });
    match found {
        None => Ok(()),
        Some((kind, name, provider, origin)) => Err(Error::conflict(format!(
            "app name '{app_name}' is already served by Traefik: {kind} '{name}@{provider}' is defined {}, and an application of that name would compete with it",
            if installation_owner {
                format!("in {origin}, not written by authgate")
            } else {
                "by configuration not written by authgate".to_string()
            }
        ))),
    }
}
