//! The command-line interface: global options and the subcommand tree. Each
//! subcommand's arguments live beside its `run` in `commands/`.

pub(crate) mod commands;
pub(crate) mod complete;
pub(crate) mod confirm;
pub(crate) mod dry_run;
pub(crate) mod help;
pub(crate) mod hints;
pub(crate) mod output;
pub(crate) mod password_input;
pub(crate) mod progress;
pub(crate) mod written;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use authgate::domain::served;
use authgate::domain::session::{Options, Target};
use authgate::error::{Error, Result};
use commands::Context;
use help::EXIT_STATUS;
use output::{Applied, Format, Printer};

/// Ends a subcommand's long help (`--help`, not `-h`), and its own
/// subcommands', with the exit status table, after its examples.
fn with_exit_status(cmd: clap::Command) -> clap::Command {
    let help = match cmd.get_after_long_help() {
        Some(own) => format!("{own}\n\n{}", *EXIT_STATUS),
        None => EXIT_STATUS.to_string(),
    };
    cmd.after_long_help(help).mut_subcommands(with_exit_status)
}

#[derive(Debug, Parser)]
#[command(
    name = "authgate",
    version,
    about = "HTTP Basic Auth for applications served by Traefik, from a local registry",
    long_about = "authgate keeps applications and their Basic Auth credentials in a local SQLite registry, \
                  and writes one Traefik dynamic-configuration file per application into the directory \
                  Traefik's file provider watches. Passwords are stored only as bcrypt hashes.",
    after_long_help = EXIT_STATUS.as_str(),
    mut_subcommands = with_exit_status,
    propagate_version = true
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, under a heading of their own in `--help`
/// and the man pages, apart from the command's own.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// Database file [default: $XDG_DATA_HOME/authgate/authgate.db]
    #[arg(long, global = true, env = "AUTHGATE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Traefik's watched directory [default: the one chosen at init]
    #[arg(long, global = true, env = "AUTHGATE_TRAEFIK_DIR", value_name = "DIR")]
    pub traefik_dir: Option<PathBuf>,
    /// Read the API key from this file (before AUTHGATE_API_KEY and the credentials file)
    #[arg(long, global = true, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,
    /// Act in this organization instead of the active one (with init: the first organization's name)
    #[arg(long, global = true, value_name = "NAME")]
    pub org: Option<String>,
    /// Output format: table (the columns read first, fitted to the terminal), wide (every column, ids included), json or yaml
    #[arg(short = 'o', long, global = true, value_enum, default_value_t)]
    pub output: Format,
    /// Print only ids, one per line
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// With --quiet, also silence warnings
    #[arg(long, global = true)]
    pub no_warnings: bool,
    /// After a change, wait until every registered Traefik instance serves it (exit 8 NOT_APPLIED when it does not within DURATION) [default: 10s; unset: the wait setting]
    #[arg(
        long,
        global = true,
        env = "AUTHGATE_WAIT",
        value_name = "DURATION",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "10s",
        value_parser = humantime::parse_duration
    )]
    pub wait: Option<std::time::Duration>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Init(commands::init::InitArgs),
    Create(commands::create::CreateArgs),
    Show(commands::show::ShowArgs),
    Update(commands::update::UpdateArgs),
    Delete(commands::delete::DeleteArgs),
    List(commands::list::ListArgs),
    Import(commands::import::ImportArgs),
    Export(commands::export::ExportArgs),
    Verify(commands::verify::VerifyArgs),
    Check(commands::check::CheckArgs),
    Expire(commands::expire::ExpireArgs),
    Sync(commands::sync::SyncArgs),
    Backup(commands::backup::BackupArgs),
    Restore(commands::restore::RestoreArgs),
    /// Manage applications
    #[command(subcommand)]
    App(commands::app::AppCommand),
    /// Manage organizations
    #[command(subcommand)]
    Org(commands::org::OrgCommand),
    /// Manage users of the active organization
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Change members' roles, or remove members
    #[command(subcommand)]
    Member(commands::member::MemberCommand),
    /// Manage your API keys
    #[command(subcommand)]
    Apikey(commands::apikey::ApikeyCommand),
    /// Show or change the registry's settings
    #[command(subcommand)]
    Settings(commands::settings::SettingsCommand),
    /// Publish to key-value stores for several Traefik nodes, beside the directory
    #[command(subcommand)]
    Sink(commands::sink::SinkCommand),
    /// Register the Traefik instances that serve this installation, which --wait and status ask
    #[command(subcommand)]
    Traefik(commands::traefik::TraefikCommand),
    Status(commands::status::StatusArgs),
    /// List audit events, prune them, or report failed logins from Traefik's access log
    Audit(commands::audit::AuditArgs),
    Guard(commands::guard::GuardArgs),
    /// Print shell completions for bash, zsh, fish, elvish or powershell
    #[command(
        after_long_help = "Example:\n  authgate completions bash > ~/.local/share/bash-completion/completions/authgate"
    )]
    Completions(commands::completions::CompletionsArgs),
    /// Install the man pages and the bash, zsh and fish completions where man and the shells look
    #[command(
        after_long_help = "The man pages go to PREFIX/share/man/man1, which man finds without MANPATH while PREFIX/bin is on PATH: PREFIX is by default the parent of the directory authgate runs from (~/.cargo for cargo install). The completions go to ${BASH_COMPLETION_USER_DIR:-${XDG_DATA_HOME:-~/.local/share}/bash-completion}/completions/authgate, ${XDG_DATA_HOME:-~/.local/share}/zsh/site-functions/_authgate and ${XDG_CONFIG_HOME:-~/.config}/fish/completions/authgate.fish. Man pages of subcommands that no longer exist are removed; run it again after upgrading.\n\nExamples:\n  authgate install-docs\n  authgate install-docs --prefix ~/.local   # when ~/.local/bin is on PATH"
    )]
    InstallDocs(commands::install_docs::InstallDocsArgs),
    /// Write completions/ and man/ into a directory (for packagers)
    #[command(hide = true)]
    GenDocs(commands::gen_docs::GenDocsArgs),
}

/// The subcommands scripts and crontabs run most, which [`Cli::parse_args`]
/// parses against a tree of their own: each with the arguments its variant
/// of [`Command`] gives it (these variants carry no attribute of their own).
const LEAVES: [(&str, AugmentArgs); 8] = [
    ("create", commands::create::CreateArgs::augment_args),
    ("show", commands::show::ShowArgs::augment_args),
    ("update", commands::update::UpdateArgs::augment_args),
    ("delete", commands::delete::DeleteArgs::augment_args),
    ("list", commands::list::ListArgs::augment_args),
    ("verify", commands::verify::VerifyArgs::augment_args),
    ("expire", commands::expire::ExpireArgs::augment_args),
    ("sync", commands::sync::SyncArgs::augment_args),
];

/// Adds a subcommand's own arguments to its command (clap's `Args::augment_args`).
type AugmentArgs = fn(clap::Command) -> clap::Command;

/// The global options whose value may follow them as the next argument
/// (`--db PATH`); a test checks the list against [`GlobalArgs`].
const GLOBAL_OPTIONS_WITH_VALUES: [&str; 6] = [
    "--db",
    "--traefik-dir",
    "--api-key-file",
    "--org",
    "--output",
    "-o",
];

/// The first argument that is neither an option nor the value of a global
/// option that takes one: the subcommand's name, when the command line is
/// what it seems (the leaf's tree, parsing all of it, decides that).
fn subcommand_name(args: &[OsString]) -> Option<&str> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        match arg.to_str()? {
            option if GLOBAL_OPTIONS_WITH_VALUES.contains(&option) => {
                rest.next()?;
            }
            arg if arg.starts_with('-') => {}
            name => return Some(name),
        }
    }
    None
}

/// The leaf subcommand `name`, with its own arguments only.
fn leaf(name: &str) -> Option<clap::Command> {
    let (name, augment) = LEAVES.iter().find(|(leaf, _)| *leaf == name)?;
    Some(augment(clap::Command::new(*name)))
}

impl Cli {
    /// Parses the command line. Building the whole command tree is most of
    /// what parsing costs (every subcommand's arguments, and the global
    /// options copied into each), so a command line whose subcommand is
    /// one of the [`leaf`] subcommands is first parsed against a tree
    /// holding only it and the global options. Whatever that tree does not
    /// accept (`--help`, `--version`, a mistake) is parsed again against
    /// the whole tree, which answers it as it always has.
    pub(crate) fn parse_args(args: Vec<OsString>) -> std::result::Result<Cli, clap::Error> {
        Self::parse_leaf(&args).map_or_else(|| Cli::try_parse_from(args), Ok)
    }

    fn parse_leaf(args: &[OsString]) -> Option<Cli> {
        let leaf = leaf(subcommand_name(args)?)?;
        let root = GlobalArgs::augment_args(clap::Command::new("authgate")).subcommand(leaf);
        let matches = root.try_get_matches_from(args).ok()?;
        Cli::from_arg_matches(&matches).ok()
    }

    pub(crate) fn printer(&self) -> Printer {
        Printer {
            format: self.global.output,
            quiet: self.global.quiet,
            no_warnings: self.global.no_warnings,
            held: Default::default(),
        }
    }

    pub(crate) fn run(self) -> Result<()> {
        let target = self.command.target();
        let ctx = Context {
            printer: self.printer(),
            options: Options {
                db: self.global.db,
                traefik_dir: self.global.traefik_dir,
                api_key_file: self.global.api_key_file,
                org: self.global.org,
                target,
                warnings: Default::default(),
                published: Default::default(),
                dry_run: false,
            },
        };
        // `--wait=0s` says not to wait, whatever the `wait` setting says.
        let wait = self.global.wait;
        if wait.is_some_and(|d| !d.is_zero()) {
            served::check_wait(&ctx.options)?;
        }
        let result = dispatch(self.command, &ctx);
        for warning in ctx.options.warnings.take() {
            ctx.printer.warn(&warning);
        }
        if let Err(e) = result {
            ctx.printer.release(Applied::Nothing)?;
            return Err(e);
        }
        let published = std::mem::take(&mut *ctx.options.published.borrow_mut());
        if published.apps.is_empty() {
            return ctx.printer.release(Applied::Nothing);
        }
        // A record held back (it may carry a generated secret) is printed
        // before an interrupt takes effect.
        let _deferred = ctx.printer.holds().then(DeferredSignals::block);
        let outcome = applied(&ctx, wait, &published);
        let pending: Vec<&str> = published.pending.iter().map(|(s, _)| s.as_str()).collect();
        ctx.printer.release_with(
            match &outcome {
                Ok(()) => Applied::Yes,
                Err(e) if e.code() == authgate::ErrorCode::NotApplied => Applied::No(e),
                Err(_) => Applied::Nothing,
            },
            &pending,
        )?;
        if published.pending.is_empty() {
            return outcome;
        }
        // A sink down outranks a change not applied (exit 9, not 8): what
        // the script must know first is that a sink still holds the old
        // configuration.
        let down: Vec<String> = published
            .pending
            .iter()
            .map(|(sink, why)| format!("sink '{sink}' ({why})"))
            .collect();
        let mut partial = Error::partial(format!(
            "the change is committed and published everywhere else, but not to {}: it is pending there until the next publishing command or `authgate sync` reaches it",
            down.join(", ")
        ));
        if let Err(e) = outcome {
            partial = partial.with_note(e.to_string());
        }
        Err(partial)
    }
}

/// Once a command succeeded and published `published`: whether Traefik
/// serves it. With `--wait`, asks every registered instance until it does
/// or the time runs out; without, a change written to a directory that
/// Traefik cannot load is not applied either (`NOT_APPLIED`, exit 8, after
/// the command's output: the change is committed and must not be retried
/// as new).
fn applied(
    ctx: &Context,
    wait: Option<std::time::Duration>,
    published: &authgate::domain::session::Published,
) -> Result<()> {
    let wait = match wait {
        Some(d) if d.is_zero() => None,
        Some(d) => Some(d),
        None => published.default_wait,
    };
    if let Some(timeout) = wait {
        let session = ctx.session()?;
        return served::wait(
            &session,
            &published.apps,
            &published.unloadable,
            timeout,
            &DeferredSignals::pending,
        );
    }
    if !published.unloadable.is_empty() {
        return Err(Error::not_applied(format!(
            "the change is committed, but Traefik cannot load {} in its directory, so it applies nothing from there, this change included: an installation owner's `authgate check` says what is wrong",
            published.unloadable.join(", ")
        )));
    }
    Ok(())
}

/// Interrupts (Ctrl-C, a closed terminal, `kill`) held back while it
/// lives, and delivered when it is dropped: the process still ends, at
/// once (a wait stops when one is pending), but only after the output it
/// owes is printed.
struct DeferredSignals(libc::sigset_t);

impl DeferredSignals {
    fn block() -> DeferredSignals {
        // SAFETY: both sets are plain data, initialised by sigemptyset (and
        // by pthread_sigmask for the previous mask) before they are read.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                libc::sigaddset(&mut set, signal);
            }
            let mut previous: libc::sigset_t = std::mem::zeroed();
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut previous);
            DeferredSignals(previous)
        }
    }
}

impl DeferredSignals {
    /// Whether an interrupt is waiting to be delivered.
    fn pending() -> bool {
        // SAFETY: the set is plain data, filled by sigpending before it is
        // read.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigpending(&mut set);
            [libc::SIGINT, libc::SIGTERM, libc::SIGHUP]
                .into_iter()
                .any(|signal| libc::sigismember(&set, signal) == 1)
        }
    }
}

impl Drop for DeferredSignals {
    fn drop(&mut self) {
        // SAFETY: restores the mask saved by `block`, a valid set.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.0, std::ptr::null_mut());
        }
    }
}

impl Command {
    /// The application or credential the command names, if one: the
    /// command acts in the organization that holds it (see
    /// [`Options::target`]).
    fn target(&self) -> Option<Target> {
        use commands::app::AppCommand;
        let app = |reference: &str| Some(Target::App(reference.to_string()));
        let selected = |s: &commands::SelectorArgs| match (&s.security_id, &s.app) {
            (Some(id), _) => Some(Target::Credential(id.clone())),
            (None, Some(reference)) => app(reference),
            (None, None) => None,
        };
        match self {
            Command::Create(a) => a.app.as_deref().and_then(app),
            Command::Show(a) => selected(&a.selector),
            Command::Update(a) => selected(&a.selector),
            Command::Delete(a) => selected(&a.selector),
            Command::Verify(a) => selected(&a.selector),
            Command::List(a) => a.app.as_deref().and_then(app),
            Command::Import(a) => app(&a.app),
            Command::Export(a) => app(&a.app),
            Command::Status(a) => a.app.as_deref().and_then(app),
            Command::App(AppCommand::Show(a)) => app(&a.app),
            Command::App(AppCommand::Update(a)) => app(&a.app),
            Command::App(AppCommand::Remove(a)) => app(&a.app),
            Command::App(AppCommand::Grant(a) | AppCommand::Revoke(a)) => app(&a.app),
            Command::Guard(commands::guard::GuardArgs {
                command: Some(commands::guard::GuardCommand::Unban(a)),
                ..
            }) => a.app.as_deref().and_then(app),
            _ => None,
        }
    }
}

fn dispatch(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Init(args) => commands::init::run(args, ctx),
        Command::Create(args) => commands::create::run(args, ctx),
        Command::Show(args) => commands::show::run(args, ctx),
        Command::Update(args) => commands::update::run(args, ctx),
        Command::Delete(args) => commands::delete::run(args, ctx),
        Command::List(args) => commands::list::run(args, ctx),
        Command::Import(args) => commands::import::run(args, ctx),
        Command::Export(args) => commands::export::run(args, ctx),
        Command::Verify(args) => commands::verify::run(args, ctx),
        Command::Check(args) => commands::check::run(args, ctx),
        Command::Expire(args) => commands::expire::run(args, ctx),
        Command::Sync(args) => commands::sync::run(args, ctx),
        Command::Backup(args) => commands::backup::run(args, ctx),
        Command::Restore(args) => commands::restore::run(args, ctx),
        Command::App(cmd) => commands::app::run(cmd, ctx),
        Command::Org(cmd) => commands::org::run(cmd, ctx),
        Command::User(cmd) => commands::user::run(cmd, ctx),
        Command::Member(cmd) => commands::member::run(cmd, ctx),
        Command::Apikey(cmd) => commands::apikey::run(cmd, ctx),
        Command::Settings(cmd) => commands::settings::run(cmd, ctx),
        Command::Sink(cmd) => commands::sink::run(cmd, ctx),
        Command::Traefik(cmd) => commands::traefik::run(cmd, ctx),
        Command::Status(args) => commands::status::run(args, ctx),
        Command::Audit(args) => commands::audit::run(args, ctx),
        Command::Guard(args) => commands::guard::run(args, ctx),
        Command::Completions(args) => commands::completions::run(args, ctx),
        Command::InstallDocs(args) => commands::install_docs::run(args, ctx, Cli::command()),
        Command::GenDocs(args) => commands::gen_docs::run(args, ctx, Cli::command()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(cmd: &clap::Command, path: &str, problems: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            if help.trim().is_empty() {
                problems.push(format!("{path}: argument {id} has no help"));
            } else if help.contains('\n') {
                problems.push(format!("{path}: argument {id}'s help is not one line"));
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_path = format!("{path} {}", sub.get_name());
            let about = sub.get_about().map(|h| h.to_string()).unwrap_or_default();
            if about.trim().is_empty() {
                problems.push(format!("{sub_path}: no about"));
            } else if about.contains('\n') {
                problems.push(format!("{sub_path}: about is not one line"));
            }
            walk(sub, &sub_path, problems);
        }
    }

    #[test]
    fn global_options_have_their_own_heading() {
        let mut cmd = Cli::command();
        cmd.build();
        let create = cmd.find_subcommand_mut("create").unwrap();
        let help = create.render_long_help().to_string();
        let global = help.find("Global options:").expect("a heading");
        let own = help.find("--username").unwrap();
        assert!(own < global, "{help}");
        assert!(help[global..].contains("--db"), "{help}");
        assert!(!help[..global].contains("--api-key-file"), "{help}");
    }

    /// A leaf's own tree takes exactly the arguments the whole tree gives
    /// that subcommand, so that what it accepts means the same.
    #[test]
    fn a_leaf_takes_the_arguments_of_its_variant() {
        let full = Cli::command();
        for (name, _) in LEAVES {
            let variant = full.find_subcommand(name).expect("a subcommand");
            let leaf = leaf(name).unwrap();
            let args = |cmd: &clap::Command| {
                cmd.get_arguments()
                    .map(|a| format!("{a:?}"))
                    .collect::<Vec<_>>()
            };
            let groups = |cmd: &clap::Command| {
                cmd.get_groups()
                    .map(|g| format!("{g:?}"))
                    .collect::<Vec<_>>()
            };
            assert_eq!(args(&leaf), args(variant), "{name}");
            assert_eq!(groups(&leaf), groups(variant), "{name}");
            assert!(variant.get_subcommands().next().is_none(), "{name}");
            assert!(variant.get_all_aliases().next().is_none(), "{name}");
        }
        assert!(leaf("app").is_none());
    }

    /// The scan for the subcommand skips the value of exactly the global
    /// options that take one as the next argument.
    #[test]
    fn the_global_options_with_values_are_those_of_the_global_args() {
        let globals = GlobalArgs::augment_args(clap::Command::new("authgate"));
        let mut with_values: Vec<String> = globals
            .get_arguments()
            .filter(|a| a.get_action().takes_values() && !a.is_require_equals_set())
            .flat_map(|a| {
                let long = a.get_long().map(|l| format!("--{l}"));
                let short = a.get_short().map(|s| format!("-{s}"));
                long.into_iter().chain(short)
            })
            .collect();
        with_values.sort();
        let mut listed = GLOBAL_OPTIONS_WITH_VALUES.map(String::from).to_vec();
        listed.sort();
        assert_eq!(with_values, listed);
    }

    /// Each command line the leaf tree accepts gives what the whole tree
    /// gives, global options before the subcommand or after it; the ones it
    /// refuses (help, version, mistakes, other subcommands) are left to the
    /// whole tree.
    #[test]
    fn a_leaf_parses_as_the_whole_tree_does() {
        let accepted: &[&str] = &[
            "create --app shop --username ci --generate",
            "create --app=shop --username ci --password-stdin --cost 4 -o json",
            "create --project p --environment staging --username r --generate --expires-in 30d",
            "create --username ci --app shop --generate --db /x.db --wait --org acme -q",
            "create --app shop --username ci --generate --wait=0s --no-warnings",
            "show --app shop --username ci -ojson",
            "show 01a247bc-7762-7204-bf30-4c5e557ac02d --show-hash",
            "update --app shop --username ci --new-username cd --no-expiry --dry-run",
            "update --app shop --username ci --generate --expires-at 2030-01-01T00:00:00Z",
            "delete --app shop --username ci --ignore-not-found --dry-run",
            "list",
            "list --app shop --expiring 7d -o yaml",
            "list --project p --expired --traefik-dir /srv/traefik",
            "verify --app shop --username ci --password-stdin",
            "expire --dry-run",
            "sync",
            "sync --dry-run --db /x.db -o wide",
            "--db /x.db create --app shop --username ci --generate",
            "--db=/x.db --api-key-file /k --org acme -o json show --app shop --username ci",
            "-q --wait --traefik-dir /srv list",
            "--output yaml --wait=5s --no-warnings expire --dry-run",
            "--org list list",
        ];
        let refused: &[&str] = &[
            "create --help",
            "create -h",
            "create -V",
            "show --version",
            "create --app shop --usernam ci --generate",
            "create --app shop --username ci --generate --generate",
            "create --app shop --username ci --generate -o xml",
            "list --app shop --project p",
            "show 01a247bc --app shop",
            "--help create",
            "-V list",
            "--db",
            "--org acme app list",
            "--unknown create --app shop --username ci --generate",
            "-ojson create --app shop --username ci --generate --bogus",
            "app list",
            "help create",
            "",
        ];
        let argv = |line: &str| -> Vec<OsString> {
            std::iter::once("authgate")
                .chain(line.split_whitespace())
                .map(OsString::from)
                .collect()
        };
        for line in accepted {
            let fast = Cli::parse_leaf(&argv(line)).unwrap_or_else(|| panic!("refused: {line}"));
            let whole = Cli::try_parse_from(argv(line)).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(format!("{fast:?}"), format!("{whole:?}"), "{line}");
        }
        for line in refused {
            assert!(Cli::parse_leaf(&argv(line)).is_none(), "accepted: {line}");
        }
    }

    #[test]
    fn the_command_tree_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_and_argument_has_one_line_of_help() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut problems = Vec::new();
        walk(&cmd, "authgate", &mut problems);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Every command's long help (`--help`), nested ones included, ends with
    /// the exit status; the short help (`-h`) does not carry it.
    #[test]
    fn every_long_help_ends_with_the_exit_status() {
        fn check(cmd: &mut clap::Command, path: &str, seen: &mut usize) {
            *seen += 1;
            let long = cmd.render_long_help().to_string();
            assert!(
                long.trim_end().ends_with(EXIT_STATUS.trim_end()),
                "`{path} --help` does not end with the exit status:\n{long}"
            );
            let short = cmd.render_help().to_string();
            assert!(!short.contains("EXIT STATUS"), "{path} -h");
            // clap's implicit `help` subcommands have no help of their own.
            for sub in cmd.get_subcommands_mut().filter(|s| s.get_name() != "help") {
                let sub_path = format!("{path} {}", sub.get_name());
                check(sub, &sub_path, seen);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut seen = 0;
        check(&mut cmd, "authgate", &mut seen);
        assert!(seen > 20, "{seen}");
    }
}
