//! One module per subcommand: its clap arguments and a `run` that turns them
//! into a domain call and prints the result.

pub(crate) mod apikey;
pub(crate) mod app;
pub(crate) mod audit;
pub(crate) mod backup;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod create;
pub(crate) mod delete;
pub(crate) mod expire;
pub(crate) mod export;
pub(crate) mod gen_docs;
pub(crate) mod guard;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod install_docs;
pub(crate) mod list;
pub(crate) mod member;
pub(crate) mod org;
pub(crate) mod restore;
pub(crate) mod settings;
pub(crate) mod show;
pub(crate) mod sink;
pub(crate) mod status;
pub(crate) mod sync;
pub(crate) mod traefik;
pub(crate) mod update;
pub(crate) mod user;
pub(crate) mod verify;

use std::path::PathBuf;

use clap::Args;

use crate::cli::output::Printer;
use crate::cli::password_input;
use authgate::domain::credentials::{self, Selector};
use authgate::domain::password::secret::Alphabet;
use authgate::domain::password::{self, Advice, Console, Scheme, Source};
use authgate::domain::session::{Options, Session};
use authgate::domain::shared::ScopeRef;
use authgate::error::{Error, Result};

/// What every command gets: where things are, and how to print.
pub(crate) struct Context {
    pub options: Options,
    pub printer: Printer,
}

impl Context {
    pub(crate) fn session(&self) -> Result<Session> {
        Session::open(&self.options)
    }

    /// The session of a mutating command: with `dry_run`, one that
    /// previews, rolls back and records nothing.
    pub(crate) fn session_for(&self, dry_run: bool) -> Result<Session> {
        Session::open(&self.options_for(dry_run))
    }

    /// The options of a mutating command's session (see [`Self::session_for`]).
    pub(crate) fn options_for(&self, dry_run: bool) -> Options {
        Options {
            dry_run,
            ..self.options.clone()
        }
    }
}

/// The help of every mutating command's `--dry-run`.
pub(crate) const DRY_RUN_HELP: &str =
    "Print the changes it would make to Traefik's files and the sinks' keys, change nothing";

/// A path given on the command line as the registry stores it: absolute, so
/// that it means the same file from any directory later.
pub(crate) fn absolute(path: PathBuf) -> String {
    std::path::absolute(&path)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Names a credential: by id, by application and username, or by the
/// project (and environment) that shares it and username.
#[derive(Debug, Args)]
pub(crate) struct SelectorArgs {
    /// The credential's securityId
    #[arg(value_name = "SECURITY_ID", conflicts_with_all = ["app", "username", "project"])]
    pub security_id: Option<String>,
    /// Application id or app name
    #[arg(
        long,
        value_name = "APP",
        requires = "username",
        conflicts_with = "project"
    )]
    pub app: Option<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Username within the application, or within the project or environment that shares it
    #[arg(long, value_name = "NAME")]
    pub username: Option<String>,
}

impl SelectorArgs {
    pub(crate) fn selector(&self) -> Result<Selector> {
        match (
            &self.security_id,
            &self.app,
            self.scope.scope(),
            &self.username,
        ) {
            (Some(id), _, _, _) => Ok(Selector::Id(id.clone())),
            (None, Some(app), _, Some(username)) => Ok(Selector::Name {
                app: app.clone(),
                username: username.clone(),
            }),
            (None, None, Some(scope), Some(username)) => Ok(Selector::Shared {
                scope,
                username: username.clone(),
            }),
            _ => Err(Error::bad_request(
                "name the credential: give SECURITY_ID, --app APP --username NAME, or --project NAME [--environment NAME] --username NAME",
            )),
        }
    }
}

/// A project, or one environment of it, whose applications share
/// credentials.
#[derive(Debug, Args)]
pub(crate) struct ScopeArgs {
    /// A credential shared by every application of this project (of the active organization)
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
    /// Only the applications of this environment of the project
    #[arg(long, value_name = "NAME", requires = "project")]
    pub environment: Option<String>,
}

impl ScopeArgs {
    pub(crate) fn scope(&self) -> Option<ScopeRef> {
        self.project.as_ref().map(|project| ScopeRef {
            project: project.clone(),
            environment: self.environment.clone(),
        })
    }
}

/// Where a password comes from: at most one source.
#[derive(Debug, Args)]
#[group(id = "password_source", multiple = false)]
pub(crate) struct PasswordArgs {
    /// Read the password from stdin: one line (its trailing newline and a leading byte order mark are dropped)
    #[arg(long)]
    pub password_stdin: bool,
    /// Read the password from a file of one line (its trailing newline and a leading byte order mark are dropped)
    #[arg(long, value_name = "PATH")]
    pub password_file: Option<PathBuf>,
    /// Read the password from an environment variable
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
    /// Generate a random password and print it once
    #[arg(long)]
    pub generate: bool,
    /// The password itself (visible to other users in the process list: prefer the other sources)
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
}

/// How the password is generated and hashed.
#[derive(Debug, Args)]
pub(crate) struct HashArgs {
    /// Length of a generated password (at least 22 in a fast-auth application) [default: 24]
    #[arg(long, value_name = "N")]
    pub length: Option<usize>,
    /// Generate with symbols such as @ # % ! too, for systems that demand one (not safe in a URL) [default: A-Z a-z 0-9 - . _ ~, safe in a URL, a shell and YAML]
    #[arg(long)]
    pub symbols: bool,
    /// bcrypt cost, at most the installation's max-bcrypt-cost (14 unless raised) [default: the registry's setting, 10 unless chosen at init]
    #[arg(long, value_name = "COST", value_parser = clap::value_parser!(u32).range(4..=31))]
    pub cost: Option<u32>,
    /// Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither; a shared credential is always bcrypt]
    #[arg(long = "hash", value_name = "SCHEME", value_enum)]
    pub scheme: Option<HashScheme>,
    /// Accept a chosen password below the installation's min-password-score, once (audited)
    #[arg(long)]
    pub allow_weak: bool,
}

/// When a credential stops being published.
#[derive(Debug, Args)]
pub(crate) struct ExpiryArgs {
    /// Expire after this long: 30d, 12h, 90m (expired credentials are never published)
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, conflicts_with = "expires_at")]
    pub expires_in: Option<std::time::Duration>,
    /// Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ExpiryArgs {
    /// The expiry given, for the domain.
    pub(crate) fn expiry(&self) -> credentials::Expiry {
        credentials::Expiry {
            expires_in: self.expires_in,
            expires_at: self.expires_at,
        }
    }
}

fn parse_rfc3339(s: &str) -> std::result::Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("not an RFC 3339 time such as 2027-01-31T00:00:00Z ({e})"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum HashScheme {
    Bcrypt,
    Apr1,
}

impl HashArgs {
    /// The source of `password`, with a generated one made as asked.
    /// (clap's `requires` cannot say this: a flag such as --generate always
    /// has a value, so it would always count as given.)
    pub(crate) fn source(&self, password: &PasswordArgs) -> Result<Option<Source>> {
        if !password.generate {
            for (given, flag) in [
                (self.length.is_some(), "--length"),
                (self.symbols, "--symbols"),
            ] {
                if given {
                    return Err(Error::bad_request(format!(
                        "{flag} says how to generate a password: it needs --generate"
                    )));
                }
            }
        }
        let length = self
            .length
            .unwrap_or(password::secret::DEFAULT_GENERATED_LENGTH);
        Ok(password.source(length, self.alphabet()))
    }

    /// The characters of a generated password.
    pub(crate) fn alphabet(&self) -> Alphabet {
        if self.symbols {
            Alphabet::Symbols
        } else {
            Alphabet::Unreserved
        }
    }

    /// What the command asks of a new password beyond what its
    /// application decides.
    pub(crate) fn request(&self) -> password::Request {
        password::Request {
            scheme: self.scheme.map(|s| match s {
                HashScheme::Bcrypt => Scheme::Bcrypt,
                HashScheme::Apr1 => Scheme::Apr1,
            }),
            cost: self.cost,
            allow_weak: self.allow_weak,
        }
    }
}

impl PasswordArgs {
    /// The source given on the command line, if any; `length` and
    /// `alphabet` make a `--generate`d password.
    pub(crate) fn source(&self, length: usize, alphabet: Alphabet) -> Option<Source> {
        if self.password_stdin {
            Some(Source::Stdin)
        } else if let Some(p) = &self.password_file {
            Some(Source::File(p.clone()))
        } else if let Some(v) = &self.password_env {
            Some(Source::Env(v.clone()))
        } else if self.generate {
            Some(Source::Generate { length, alphabet })
        } else {
            self.password.clone().map(Source::Argument)
        }
    }
}

/// The operator at the terminal, as the domain speaks to them about a new
/// password.
impl Console for Context {
    fn ask_password(&self) -> Result<String> {
        password_input::prompt()
    }

    fn tell(&self, advice: &Advice) {
        match advice {
            Advice::Warning(w) => self.printer.warn(w),
            Advice::Note(n) => self.printer.note(n),
            Advice::Cost(c) => self.printer.advise(c),
        }
    }
}
