//! The one error type of authgate. Every failure a command can report is a
//! variant here; the variant decides the machine-readable code and the exit
//! status, in one place (ARCHITECTURE.md, "Errors").

use std::fmt;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid arguments or input.
    #[error("{0}")]
    BadRequest(String),
    /// The thing does not exist, or is not visible to the caller.
    #[error("{0}")]
    NotFound(String),
    /// No or bad API key, or the role/grant forbids the operation.
    #[error("{0}")]
    Unauthorized(String),
    /// A uniqueness rule would be broken.
    #[error("{0}")]
    Conflict(String),
    /// A host that another application routes was claimed. A conflict, and
    /// audited as a denial: it is one tenant reaching for another's traffic.
    #[error("{0}")]
    HostTaken(String),
    /// A password did not match (used by `verify`).
    #[error("{0}")]
    VerifyFailed(String),
    /// What Traefik is given differs from the database (`check`).
    #[error("{0}")]
    Drift(String),
    /// An error and what would mend it, apart from its message: the domain
    /// names the remedy in its own terms, and the command layer says it in
    /// its own (which flag, which command).
    #[error("{error}")]
    Hinted { error: Box<Error>, remedy: Remedy },
    /// I/O, database or any other unexpected failure, with its cause chain.
    #[error("{0:#}")]
    Internal(anyhow::Error),
}

/// The remedies the domain knows of, for the command layer to phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// Domains and upstreams go together (managed routing), or neither.
    DomainsWithUpstreams,
    /// TLS, certificate resolvers and entry points need managed routing.
    RoutingNeedsDomains,
    /// Access rules need managed routing.
    AccessRulesNeedRouting,
    /// Public and protected paths exclude each other.
    OnePathRule,
    /// An application update needs at least one change.
    ApplicationChange,
    /// A credential update needs a new username or a password.
    CredentialChange,
    /// Generated passwords have a length within bounds.
    GeneratedLength,
    /// An age to compare with is too large.
    SmallerAge,
    /// Existing usernames are only overwritten when asked to.
    ReplaceExisting,
    /// No HOME to find the defaults under.
    ExplicitLocations,
    /// The registry does not say where the Traefik directory is.
    TraefikDirectory,
    /// The Traefik directory does not exist.
    CreateTraefikDirectory,
    /// The credentials file exists already.
    OtherCredentialsFile,
    /// A sink's password never goes into its URL.
    SinkPasswordSource,
    /// No API key was found.
    ApiKey,
    /// The user has no active organization.
    ChooseOrganization,
    /// There is no registry yet.
    InitFirst,
    /// A snapshot file exists where a backup would go.
    OverwriteBackup,
    /// A chosen password is too weak: generate one, or allow it once.
    StrongerPassword,
    /// An expiry in the past, or both kinds of expiry at once.
    ExpiryInFuture,
    /// A fast-auth application takes only secrets authgate generates.
    GenerateSecret,
    /// A fast-auth application's generated secrets have a minimum length.
    FastAuthLength,
    /// A fast-auth application's hashes are `{SHA}`: no scheme or cost to choose.
    FastAuthScheme,
    /// Credentials come into a fast-auth application only as generated
    /// secrets, never as imported hashes.
    FastAuthImport,
    /// Switching an application with credentials between fast-auth and
    /// bcrypt gives every credential a new generated secret, when asked to.
    RotateToSwitch,
    /// An app name given up is reserved to its organization; an
    /// installation owner may release it.
    ReleaseName,
    /// Routers outside authgate still reference an application's
    /// middleware; giving its name up anyway needs forcing.
    ForceGiveUpName,
}

/// The machine-readable code of an error, as printed in JSON errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Internal,
    BadRequest,
    NotFound,
    Unauthorized,
    Conflict,
    VerifyFailed,
    Drift,
}

impl ErrorCode {
    /// Every code, in exit-status order.
    pub const ALL: [ErrorCode; 7] = [
        ErrorCode::Internal,
        ErrorCode::BadRequest,
        ErrorCode::NotFound,
        ErrorCode::Unauthorized,
        ErrorCode::Conflict,
        ErrorCode::VerifyFailed,
        ErrorCode::Drift,
    ];

    /// When a command exits with this code, for help texts and man pages.
    pub fn meaning(self) -> &'static str {
        match self {
            ErrorCode::Internal => "I/O, database or other unexpected failure",
            ErrorCode::BadRequest => "invalid arguments or input",
            ErrorCode::NotFound => {
                "no such application, credential, user or organization (as visible to you)"
            }
            ErrorCode::Unauthorized => "no or bad API key, or your role or grants forbid it",
            ErrorCode::Conflict => {
                "duplicate username, app name or domain, or a file authgate did not write"
            }
            ErrorCode::VerifyFailed => "the password does not match",
            ErrorCode::Drift => "check: what Traefik is given differs from the database",
        }
    }

    /// The "EXIT STATUS:" section of every `--help` and man page, made from
    /// the codes themselves so that it cannot drift from them.
    pub fn exit_status_section() -> String {
        let mut out = String::from("EXIT STATUS:\n  0  success\n");
        for code in ErrorCode::ALL {
            out.push_str(&format!(
                "  {}  {:<14} {}\n",
                code.exit_code(),
                code.as_str(),
                code.meaning()
            ));
        }
        out
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Internal => "INTERNAL",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::Unauthorized => "UNAUTHORIZED",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::VerifyFailed => "VERIFY_FAILED",
            ErrorCode::Drift => "DRIFT",
        }
    }

    /// The process exit status for this code.
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorCode::Internal => 1,
            ErrorCode::BadRequest => 2,
            ErrorCode::NotFound => 3,
            ErrorCode::Unauthorized => 4,
            ErrorCode::Conflict => 5,
            ErrorCode::VerifyFailed => 6,
            ErrorCode::Drift => 7,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::BadRequest(_) => ErrorCode::BadRequest,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Unauthorized(_) => ErrorCode::Unauthorized,
            Error::Conflict(_) | Error::HostTaken(_) => ErrorCode::Conflict,
            Error::VerifyFailed(_) => ErrorCode::VerifyFailed,
            Error::Drift(_) => ErrorCode::Drift,
            Error::Internal(_) => ErrorCode::Internal,
            Error::Hinted { error, .. } => error.code(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.code().exit_code()
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        Error::BadRequest(msg.into())
    }
    pub fn not_found(msg: impl Into<String>) -> Self {
        Error::NotFound(msg.into())
    }
    pub fn unauthorized(msg: impl Into<String>) -> Self {
        Error::Unauthorized(msg.into())
    }
    pub fn conflict(msg: impl Into<String>) -> Self {
        Error::Conflict(msg.into())
    }
    pub fn internal(msg: impl fmt::Display) -> Self {
        Error::Internal(anyhow::anyhow!("{msg}"))
    }

    /// The same error, with a note appended to its message.
    pub fn with_note(self, note: impl std::fmt::Display) -> Self {
        match self {
            Error::BadRequest(m) => Error::BadRequest(format!("{m}; {note}")),
            Error::NotFound(m) => Error::NotFound(format!("{m}; {note}")),
            Error::Unauthorized(m) => Error::Unauthorized(format!("{m}; {note}")),
            Error::Conflict(m) => Error::Conflict(format!("{m}; {note}")),
            Error::HostTaken(m) => Error::HostTaken(format!("{m}; {note}")),
            Error::VerifyFailed(m) => Error::VerifyFailed(format!("{m}; {note}")),
            Error::Drift(m) => Error::Drift(format!("{m}; {note}")),
            Error::Internal(e) => Error::Internal(anyhow::anyhow!("{e:#}; {note}")),
            Error::Hinted { error, remedy } => Error::Hinted {
                error: Box::new(error.with_note(note)),
                remedy,
            },
        }
    }

    /// True for the errors that an authorization check produces; these are
    /// audited as denials.
    pub fn is_denial(&self) -> bool {
        match self {
            Error::Hinted { error, .. } => error.is_denial(),
            other => matches!(
                other,
                Error::NotFound(_) | Error::Unauthorized(_) | Error::HostTaken(_)
            ),
        }
    }

    /// The same error, with what would mend it in the domain's terms
    /// (replacing any remedy it had).
    pub fn remedy(self, remedy: Remedy) -> Self {
        let error = match self {
            Error::Hinted { error, .. } => error,
            other => Box::new(other),
        };
        Error::Hinted { error, remedy }
    }

    /// What would mend it, if known.
    pub fn hint(&self) -> Option<Remedy> {
        match self {
            Error::Hinted { remedy, .. } => Some(*remedy),
            _ => None,
        }
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Internal(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Internal(anyhow::Error::new(e).context("database error"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Internal(e.into())
    }
}

/// Adds context to an I/O (or other) failure, turning it into `Internal`.
pub trait Context<T> {
    fn context_path(self, what: &str, path: &std::path::Path) -> Result<T>;
}

impl<T, E> Context<T> for std::result::Result<T, E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn context_path(self, what: &str, path: &std::path::Path) -> Result<T> {
        self.map_err(|e| {
            Error::Internal(anyhow::Error::new(e).context(format!("{what} {}", path.display())))
        })
    }
}

/// Renders a user-supplied value for a message without letting control
/// characters reach the terminal.
pub fn printable(value: &str) -> String {
    value.escape_debug().to_string()
}
