//! The text every `--help` and man page ends with.

/// What every `--help` and man page ends with: the exit status of each
/// error code, and the environment.
pub(crate) static EXIT_STATUS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}\n{ENVIRONMENT}",
        authgate::ErrorCode::exit_status_section()
    )
});

const ENVIRONMENT: &str = "\
ENVIRONMENT:
  AUTHGATE_DB           database path (default $XDG_DATA_HOME/authgate/authgate.db)
  AUTHGATE_TRAEFIK_DIR  Traefik's watched directory (default: the one chosen at init)
  AUTHGATE_API_KEY      API key (after --api-key-file, before the credentials file)
  NO_COLOR              disables colour";
