//! The tenant boundary, written once: which applications a caller sees.
//! Every query that lists or looks up applications, credentials or their
//! audit rows by organization and grants states the boundary with these
//! fragments, and binds the organization as `?1` and the user whose grants
//! limit it (NULL for a role that sees the whole organization) as `?2`.
//! They expand to string literals, so queries stay `const` and `concat!`ed.

/// SQL: the application aliased `$app` belongs to organization `?1`. The
/// unary `+` keeps SQLite from driving a listing by the environment index,
/// so that listings can walk applications in app-name order. With
/// `by_environment`, SQLite may: for what goes over the organization's
/// applications in no order (a count), instead of over every row of a
/// table joined to them.
macro_rules! app_in_org {
    ($app:literal) => {
        concat!("+", $crate::store::scope::app_in_org!(by_environment $app))
    };
    (by_environment $app:literal) => {
        concat!(
            $app,
            ".environment_id IN (SELECT e.environment_id FROM environments e
             JOIN projects p ON p.project_id = e.project_id WHERE p.org_id = ?1)"
        )
    };
}

/// SQL: when `?2` is not NULL, the application whose id is `$application_id`
/// (a column) is granted to user `?2`.
macro_rules! granted {
    ($application_id:expr) => {
        concat!(
            "(?2 IS NULL OR ",
            $application_id,
            " IN (SELECT g.application_id FROM app_grants g WHERE g.user_id = ?2))"
        )
    };
}

/// SQL: the application aliased `$app` is visible to the caller: of
/// organization `?1`, and granted to `?2` when `?2` is not NULL.
macro_rules! app_visible {
    ($app:literal) => {
        concat!(
            $crate::store::scope::app_in_org!($app),
            " AND ",
            $crate::store::scope::granted!(concat!($app, ".application_id"))
        )
    };
}

pub(crate) use {app_in_org, app_visible, granted};

#[cfg(test)]
mod tests {
    #[test]
    fn the_fragments_bind_the_organization_and_the_grants() {
        let visible = app_visible!("a");
        assert!(visible.starts_with("+a.environment_id IN ("), "{visible}");
        assert!(visible.contains("p.org_id = ?1"), "{visible}");
        assert!(
            visible.ends_with(
                "(?2 IS NULL OR a.application_id IN (SELECT g.application_id FROM app_grants g WHERE g.user_id = ?2))"
            ),
            "{visible}"
        );
        assert_eq!(
            granted!("l.application_id"),
            "(?2 IS NULL OR l.application_id IN (SELECT g.application_id FROM app_grants g WHERE g.user_id = ?2))"
        );
    }
}
