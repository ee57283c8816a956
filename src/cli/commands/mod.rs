//! One module per subcommand: its clap arguments and a `run` that turns them
//! into a domain call and prints the result.

pub mod apikey;
pub mod app;
pub mod audit;
pub mod backup;
pub mod check;
pub mod completions;
pub mod create;
pub mod delete;
pub mod expire;
pub mod export;
pub mod gen_docs;
pub mod import;
pub mod init;
pub mod install_docs;
pub mod list;
pub mod member;
pub mod org;
pub mod restore;
pub mod settings;
pub mod show;
pub mod sink;
pub mod sync;
pub mod update;
pub mod user;
pub mod verify;

use std::path::PathBuf;

use clap::Args;

use crate::cli::output::Printer;
use crate::cli::password_input::{self, Secret, Source};
use authgate::domain::credentials::{
    self, HashCost, HashRequest, Hashing, NewHash, NewPassword, Selector,
};
use authgate::domain::hashes::Scheme;
use authgate::domain::passwords::{self, Origin};
use authgate::domain::session::{Options, Session};
use authgate::error::{Error, Result};
use authgate::store::applications::Application;

/// What every command gets: where things are, and how to print.
pub struct Context {
    pub options: Options,
    pub printer: Printer,
}

impl Context {
    pub fn session(&self) -> Result<Session> {
        Session::open(&self.options)
    }

    /// The session of a mutating command: with `dry_run`, one that
    /// previews, rolls back and records nothing.
    pub fn session_for(&self, dry_run: bool) -> Result<Session> {
        Session::open(&Options {
            dry_run,
            ..self.options.clone()
        })
    }
}

/// The help of every mutating command's `--dry-run`.
pub const DRY_RUN_HELP: &str =
    "Print the changes it would make to Traefik's files and the sinks' keys, change nothing";

/// Names a credential: by id, or by application and username.
#[derive(Debug, Args)]
pub struct SelectorArgs {
    /// The credential's securityId
    #[arg(value_name = "SECURITY_ID", conflicts_with_all = ["app", "username"])]
    pub security_id: Option<String>,
    /// Application id or app name
    #[arg(long, value_name = "APP", requires = "username")]
    pub app: Option<String>,
    /// Username within the application
    #[arg(long, value_name = "NAME", requires = "app")]
    pub username: Option<String>,
}

impl SelectorArgs {
    pub fn selector(&self) -> Result<Selector> {
        match (&self.security_id, &self.app, &self.username) {
            (Some(id), _, _) => Ok(Selector::Id(id.clone())),
            (None, Some(app), Some(username)) => Ok(Selector::Name {
                app: app.clone(),
                username: username.clone(),
            }),
            _ => Err(Error::bad_request(
                "name the credential: give SECURITY_ID, or --app APP --username NAME",
            )),
        }
    }
}

/// Where a password comes from: at most one source.
#[derive(Debug, Args)]
#[group(id = "password_source", multiple = false)]
pub struct PasswordArgs {
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
pub struct HashArgs {
    /// Length of a generated password (at least 22 in a fast-auth application)
    #[arg(long, value_name = "N", requires = "generate", default_value_t = passwords::DEFAULT_GENERATED_LENGTH)]
    pub length: usize,
    /// bcrypt cost, at most the installation's max-bcrypt-cost (14 unless raised) [default: the registry's setting, 10 unless chosen at init]
    #[arg(long, value_name = "COST", value_parser = clap::value_parser!(u32).range(4..=31))]
    pub cost: Option<u32>,
    /// Hash scheme: bcrypt, or apr1 (Apache MD5, weak: only for old tools) [default: bcrypt; {SHA} in a fast-auth application, which takes neither]
    #[arg(long = "hash", value_name = "SCHEME", value_enum)]
    pub scheme: Option<HashScheme>,
    /// Accept a chosen password below the installation's min-password-score, once (audited)
    #[arg(long)]
    pub allow_weak: bool,
}

/// When a credential stops being published.
#[derive(Debug, Args)]
pub struct ExpiryArgs {
    /// Expire after this long: 30d, 12h, 90m (expired credentials are never published)
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration, conflicts_with = "expires_at")]
    pub expires_in: Option<std::time::Duration>,
    /// Expire at this time: RFC 3339, such as 2027-01-31T00:00:00Z
    #[arg(long, value_name = "TIME", value_parser = parse_rfc3339)]
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ExpiryArgs {
    pub fn is_given(&self) -> bool {
        self.expires_in.is_some() || self.expires_at.is_some()
    }

    /// The expiry as stored, when one is given.
    pub fn expiry(&self) -> Result<Option<String>> {
        credentials::expiry(self.expires_in, self.expires_at)
    }
}

fn parse_rfc3339(s: &str) -> std::result::Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("not an RFC 3339 time such as 2027-01-31T00:00:00Z ({e})"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum HashScheme {
    Bcrypt,
    Apr1,
}

impl HashArgs {
    /// What the command asks for beyond the application's own hashing.
    pub fn request(&self) -> HashRequest {
        HashRequest {
            scheme: self.scheme.map(|s| match s {
                HashScheme::Bcrypt => Scheme::Bcrypt,
                HashScheme::Apr1 => Scheme::Apr1,
            }),
            cost: self.cost,
        }
    }
}

impl PasswordArgs {
    /// The source given on the command line, if any; `generated_length` is
    /// the length of a `--generate`d password.
    pub fn source(&self, generated_length: usize) -> Option<Source> {
        if self.password_stdin {
            Some(Source::Stdin)
        } else if let Some(p) = &self.password_file {
            Some(Source::File(p.clone()))
        } else if let Some(v) = &self.password_env {
            Some(Source::Env(v.clone()))
        } else if self.generate {
            Some(Source::Generate {
                length: generated_length,
            })
        } else {
            self.password.clone().map(Source::Argument)
        }
    }
}

/// Reads and checks a password, printing warnings.
pub fn read_password(ctx: &Context, source: &Source, args: &HashArgs) -> Result<Secret> {
    if args.scheme == Some(HashScheme::Apr1) && args.cost.is_some() {
        return Err(Error::bad_request(
            "--cost applies to bcrypt only, not --hash apr1",
        ));
    }
    let (secret, warnings) = password_input::read(source)?;
    for w in &warnings {
        ctx.printer.warn(w);
    }
    Ok(secret)
}

/// Reads and checks the password before the registry is opened, so that
/// bad input touches nothing; except from the prompt, which asks only once
/// the application is known to take a password typed in
/// ([`read_late`]).
pub fn read_early(ctx: &Context, source: &Source, args: &HashArgs) -> Result<Option<Secret>> {
    match source {
        Source::Prompt => Ok(None),
        _ => read_password(ctx, source, args).map(Some),
    }
}

/// The password [`read_early`] left for later, read now.
pub fn read_late(
    ctx: &Context,
    early: Option<Secret>,
    source: &Source,
    args: &HashArgs,
) -> Result<Secret> {
    match early {
        Some(secret) => Ok(secret),
        None => read_password(ctx, source, args),
    }
}

/// Hashes a password as the application takes it, before any write lock
/// is taken (bcrypt is slow).
pub fn hash_secret(ctx: &Context, secret: &Secret, hashing: Hashing) -> Result<NewHash> {
    if hashing == Hashing::Apr1 {
        ctx.printer.warn(
            "APR1 is based on MD5, which is fast to brute-force: prefer bcrypt unless an old tool needs APR1",
        );
    }
    credentials::hash(secret, hashing)
}

/// What `create` and `update` store for the credential `target`, once
/// [`credentials::hashing_for_create`] or [`credentials::hashing_for_update`]
/// has said how the application hashes a password of this origin: a chosen
/// password (never one for a fast-auth application, which that refused) is
/// judged against the strength policy first; a generated one needs no
/// judging, and is shown once. Then it is hashed, before any write lock.
#[allow(clippy::too_many_arguments)]
pub fn new_password(
    ctx: &Context,
    session: &Session,
    action: &str,
    target: &Selector,
    new_username: Option<&str>,
    secret: &Secret,
    hashing: Hashing,
    args: &HashArgs,
) -> Result<NewPassword> {
    let mut weak = false;
    if secret.is_generated() {
        // A dry run sets no password: the one generated is never shown.
        if !session.dry_run {
            ctx.printer.note(
                "the generated password is shown once: it is stored only as a hash and cannot be shown again",
            );
        }
    } else {
        let judged = credentials::judge_password(
            session,
            action,
            target,
            new_username,
            secret.expose(),
            args.allow_weak,
        )?;
        if judged.weak {
            weak = true;
            ctx.printer.warn(&format!(
                "the password scores {} of 4 and this installation requires {}: --allow-weak lets it through this once, and the audit log records it",
                judged.score, judged.min_score
            ));
        }
    }
    Ok(NewPassword {
        hash: hash_secret(ctx, secret, hashing)?,
        weak,
    })
}

/// What a dry run says of a password it would generate.
pub const GENERATED_NOT_SHOWN: &str =
    " with a newly generated password (shown once by the real run; none is set or shown now)";

/// For a chosen password: what Traefik will spend verifying it on every
/// request, from the time hashing it just took here (a verification costs
/// what hashing does), and the way out for machine clients.
pub fn say_request_cost(ctx: &Context, app: &Application, cost: HashCost) {
    if cost.origin != Origin::Chosen {
        return;
    }
    if let Hashing::Bcrypt { cost: bcrypt } = cost.hashing {
        ctx.printer.advise(&format!(
            "Traefik will spend about {} of CPU on every request to {} (bcrypt cost {bcrypt}); for machine clients, consider --fast-auth",
            about(cost.took),
            app.app_name
        ));
    }
}

/// A duration to two significant digits, for an estimate: `72 ms`,
/// `2.3 ms`, `1.1 s`.
fn about(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 1000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms >= 100.0 {
        format!("{} ms", (ms / 10.0).round() * 10.0)
    } else if ms >= 10.0 {
        format!("{} ms", ms.round())
    } else if ms >= 0.1 {
        format!("{:.1} ms", ms)
    } else {
        format!("{:.2} ms", ms)
    }
}

#[cfg(test)]
mod tests {
    use super::about;
    use std::time::Duration;

    #[test]
    fn estimates_keep_two_significant_digits() {
        assert_eq!(about(Duration::from_micros(71_600)), "72 ms");
        assert_eq!(about(Duration::from_micros(2_260)), "2.3 ms");
        assert_eq!(about(Duration::from_micros(364_000)), "360 ms");
        assert_eq!(about(Duration::from_millis(1_140)), "1.1 s");
        assert_eq!(about(Duration::from_micros(80)), "0.08 ms");
    }
}
