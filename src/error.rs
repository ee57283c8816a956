//! The one error type of authgate. Every failure a command can report is a
//! variant here; the variant decides the machine-readable code and the exit
//! status, in one place (ARCHITECTURE.md, "Errors").

use std::fmt;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error: what kind it is (which decides its code and exit status), what
/// happened, and what would mend it in the domain's terms. Flat: a remedy
/// or a note is a field, never a wrapper.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    message: String,
    remedy: Option<Remedy>,
}

/// What kind of failure an error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Invalid arguments, input or configuration.
    BadRequest,
    /// The thing does not exist, or is not visible to the caller.
    NotFound,
    /// The thing exists nowhere in the installation (a typo): not found as
    /// well, and the same message, but it reaches for nobody's data, so it
    /// is audited as an error rather than a denial.
    Absent,
    /// No or bad API key, or the role/grant forbids the operation.
    Unauthorized,
    /// A uniqueness rule would be broken.
    Conflict,
    /// A host that another application routes was claimed. A conflict, and
    /// audited as a denial: it is one tenant reaching for another's traffic.
    HostTaken,
    /// A password did not match (used by `verify`).
    VerifyFailed,
    /// What Traefik is given differs from the database (`check`).
    Drift,
    /// The change is committed, but Traefik does not serve it: `--wait` ran
    /// out, or Traefik cannot load the directory it was written to.
    NotApplied,
    /// The change is committed and published, but a sink could not be
    /// reached: it is pending there until the next command or `sync`.
    Partial,
    /// A sink (a key-value store) cannot be reached. Where it stops a
    /// command, a failure of the machine (exit 1); where a change can go on
    /// without it, the change is [`Kind::Partial`].
    Unavailable,
    /// There is no registry at the path given or found.
    NoRegistry,
    /// A bug, or a failure of the machine (I/O, the database) that no input
    /// of the operator's caused.
    Internal,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

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
    NotApplied,
    Partial,
    NoRegistry,
}

impl ErrorCode {
    /// Every code, in exit-status order.
    pub const ALL: [ErrorCode; 10] = [
        ErrorCode::Internal,
        ErrorCode::BadRequest,
        ErrorCode::NotFound,
        ErrorCode::Unauthorized,
        ErrorCode::Conflict,
        ErrorCode::VerifyFailed,
        ErrorCode::Drift,
        ErrorCode::NotApplied,
        ErrorCode::Partial,
        ErrorCode::NoRegistry,
    ];

    /// When a command exits with this code, for help texts and man pages.
    pub fn meaning(self) -> &'static str {
        match self {
            ErrorCode::Internal => "I/O, database or unreachable sink, or a bug",
            ErrorCode::BadRequest => "invalid arguments, input or configuration",
            ErrorCode::NotFound => {
                "no such application, credential, user or organization (as visible to you)"
            }
            ErrorCode::Unauthorized => "no or bad API key, or your role or grants forbid it",
            ErrorCode::Conflict => {
                "duplicate username, app name or domain, or a file authgate did not write"
            }
            ErrorCode::VerifyFailed => "the password does not match",
            ErrorCode::Drift => "check: what Traefik is given differs from the database",
            ErrorCode::NotApplied => "committed, but Traefik does not serve the change",
            ErrorCode::Partial => {
                "committed, but a sink was down: pending there until the next change"
            }
            ErrorCode::NoRegistry => "no registry here yet: run `authgate init`",
        }
    }

    /// The "EXIT STATUS:" section of every `--help` and man page, made from
    /// the codes themselves so that it cannot drift from them.
    pub fn exit_status_section() -> String {
        let mut out = String::from("EXIT STATUS:\n   0  success\n");
        for code in ErrorCode::ALL {
            out.push_str(&format!(
                "  {:>2}  {:<14} {}\n",
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
            ErrorCode::NotApplied => "NOT_APPLIED",
            ErrorCode::Partial => "PARTIAL",
            ErrorCode::NoRegistry => "NO_REGISTRY",
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
            ErrorCode::NotApplied => 8,
            ErrorCode::Partial => 9,
            ErrorCode::NoRegistry => 10,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            remedy: None,
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn code(&self) -> ErrorCode {
        match self.kind {
            Kind::BadRequest => ErrorCode::BadRequest,
            Kind::NotFound | Kind::Absent => ErrorCode::NotFound,
            Kind::Unauthorized => ErrorCode::Unauthorized,
            Kind::Conflict | Kind::HostTaken => ErrorCode::Conflict,
            Kind::VerifyFailed => ErrorCode::VerifyFailed,
            Kind::Drift => ErrorCode::Drift,
            Kind::NotApplied => ErrorCode::NotApplied,
            Kind::Partial => ErrorCode::Partial,
            Kind::NoRegistry => ErrorCode::NoRegistry,
            Kind::Internal | Kind::Unavailable => ErrorCode::Internal,
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.code().exit_code()
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        Error::new(Kind::BadRequest, msg)
    }
    pub fn not_found(msg: impl Into<String>) -> Self {
        Error::new(Kind::NotFound, msg)
    }
    /// Not found, and nowhere in the installation (see [`Kind::Absent`]).
    pub fn absent(msg: impl Into<String>) -> Self {
        Error::new(Kind::Absent, msg)
    }
    pub fn unauthorized(msg: impl Into<String>) -> Self {
        Error::new(Kind::Unauthorized, msg)
    }
    pub fn conflict(msg: impl Into<String>) -> Self {
        Error::new(Kind::Conflict, msg)
    }
    pub fn host_taken(msg: impl Into<String>) -> Self {
        Error::new(Kind::HostTaken, msg)
    }
    pub fn verify_failed(msg: impl Into<String>) -> Self {
        Error::new(Kind::VerifyFailed, msg)
    }
    pub fn drift(msg: impl Into<String>) -> Self {
        Error::new(Kind::Drift, msg)
    }
    pub fn not_applied(msg: impl Into<String>) -> Self {
        Error::new(Kind::NotApplied, msg)
    }
    pub fn partial(msg: impl Into<String>) -> Self {
        Error::new(Kind::Partial, msg)
    }
    /// A sink that cannot be reached (see [`Kind::Unavailable`]).
    pub fn unavailable(msg: impl Into<String>) -> Self {
        Error::new(Kind::Unavailable, msg)
    }
    pub fn no_registry(msg: impl Into<String>) -> Self {
        Error::new(Kind::NoRegistry, msg)
    }
    /// A bug, or a failure no input of the operator's caused: exit 1.
    pub fn internal(msg: impl fmt::Display) -> Self {
        Error::new(Kind::Internal, msg.to_string())
    }

    /// An I/O failure on `path` while doing `what` ("cannot read"): the
    /// path is kept in the message.
    pub fn io(what: &str, path: &std::path::Path, e: std::io::Error) -> Self {
        Error::internal(format!("{what} {}: {e}", path.display()))
    }

    /// The same error, with a note appended to its message.
    pub fn with_note(mut self, note: impl fmt::Display) -> Self {
        self.message = format!("{}; {note}", self.message);
        self
    }

    /// True for the errors that an authorization check produces; these are
    /// audited as denials.
    pub fn is_denial(&self) -> bool {
        matches!(
            self.kind,
            Kind::NotFound | Kind::Unauthorized | Kind::HostTaken
        )
    }

    /// The same error, with what would mend it in the domain's terms
    /// (replacing any remedy it had).
    pub fn remedy(mut self, remedy: Remedy) -> Self {
        self.remedy = Some(remedy);
        self
    }

    /// What would mend it, if known.
    pub fn hint(&self) -> Option<Remedy> {
        self.remedy
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::internal(format!("database error: {e}"))
    }
}

/// Adds the path to an I/O (or other) failure, turning it into `Internal`.
pub trait Context<T> {
    fn context_path(self, what: &str, path: &std::path::Path) -> Result<T>;
}

impl<T, E> Context<T> for std::result::Result<T, E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn context_path(self, what: &str, path: &std::path::Path) -> Result<T> {
        self.map_err(|e| Error::internal(format!("{what} {}: {e}", path.display())))
    }
}

/// Renders a user-supplied value for a message without letting control
/// characters reach the terminal.
pub fn printable(value: &str) -> String {
    value.escape_debug().to_string()
}
