//! The names shell completion offers: the caller's applications and the
//! usernames of their credentials. Completion runs the binary at every
//! keystroke, so this is a read and nothing more: the registry opened
//! read-only, the API key checked without recording its use (a SHA-256
//! digest, no bcrypt), no audit row, and one query for the names, bound to
//! the caller's organization and, for members and viewers, to their grants,
//! exactly as listings are.

use crate::auth;
use crate::domain::session::Options;
use crate::error::Result;
use crate::store::{self, applications, credentials};

/// What is being completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names<'a> {
    /// App names.
    Apps,
    /// Usernames of credentials: of the application `app` (id or app name)
    /// when the command line names one, else of every application the
    /// caller sees.
    Usernames { app: Option<&'a str> },
}

/// The names of `what` visible to the caller that start with `prefix`,
/// sorted. Fails when there is no registry or no usable API key, having
/// written nothing.
pub fn names(options: &Options, what: Names<'_>, prefix: &str) -> Result<Vec<String>> {
    let conn = &store::open_read_only(&options.db_path()?)?;
    let user = auth::authenticate(conn, &options.api_key()?, false)?;
    let actor = auth::actor(conn, &user, options.org.as_deref())?;
    match what {
        Names::Apps => {
            applications::names_in_org(conn, &actor.org_id, actor.grant_filter(), prefix)
        }
        Names::Usernames { app } => {
            credentials::usernames_in_org(conn, &actor.org_id, actor.grant_filter(), app, prefix)
        }
    }
}
