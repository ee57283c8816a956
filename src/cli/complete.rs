//! Dynamic shell completion, through clap_complete's `CompleteEnv`: the
//! scripts `authgate completions SHELL` prints (and `completions/` ships)
//! run `AUTHGATE_COMPLETE=SHELL authgate -- WORDS...` at each Tab, and this process
//! answers with the candidates instead of running a command. Subcommands,
//! options and fixed values come from the clap definition; app names,
//! usernames and setting names from [`authgate::domain::completion`], which
//! only reads (no audit row, no key use recorded, no migration) and offers
//! only what the caller may see. Without a registry or a usable key there
//! are no candidates, no output on stderr, and the exit status is 0.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::{Command, CommandFactory};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use clap_complete::env::CompleteEnv;

use super::Cli;
use authgate::domain::completion::{self, Names};
use authgate::domain::installation::Setting;
use authgate::domain::session::Options;

/// The environment variable that makes a run a completion request: named
/// for authgate, so that a `COMPLETE` meant for another program does not
/// turn every command into one.
pub(crate) const VAR: &str = "AUTHGATE_COMPLETE";

/// Answers a completion request and exits, when this run is one; returns
/// at once otherwise (before any command-line parsing).
pub(crate) fn answer_if_asked() {
    CompleteEnv::with_factory(command)
        .var(VAR)
        .bin("authgate")
        // The scripts call the `authgate` on PATH, as the shell runs it, so
        // that they are the same on every machine.
        .completer("authgate")
        .complete();
}

/// The command tree, with a completer on every argument whose values name
/// something in the registry.
pub(crate) fn command() -> Command {
    with_completers(Cli::command(), "")
}

/// In `cmd` (whose parents' names are `parents`) and its subcommands: every
/// argument whose value is an application (value name `APP`) gets the app
/// names, every `--username` of an existing credential the usernames, and
/// `settings set NAME` the setting names. (`Command::mut_args`, since
/// `mut_arg` would move a positional argument behind the others.)
fn with_completers(cmd: Command, parents: &str) -> Command {
    let path = format!("{parents} {}", cmd.get_name()).trim().to_string();
    // `create` names a new credential: existing usernames would be wrong.
    let new_username = path == "authgate create";
    let settings_set = path == "authgate settings set";
    cmd.mut_args(|arg| {
        let names_app = arg
            .get_value_names()
            .is_some_and(|names| names.iter().any(|n| n.as_str() == "APP"));
        if names_app {
            arg.add(ArgValueCompleter::new(app_names))
        } else if arg.get_id() == "username" && !new_username {
            arg.add(ArgValueCompleter::new(usernames))
        } else if arg.get_id() == "name" && settings_set {
            arg.add(ArgValueCandidates::new(setting_names))
        } else {
            arg
        }
    })
    .mut_subcommands(|sub| with_completers(sub, &path))
}

fn setting_names() -> Vec<CompletionCandidate> {
    Setting::ALL
        .iter()
        .map(|s| CompletionCandidate::new(s.name()))
        .collect()
}

fn app_names(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |_| Names::Apps)
}

fn usernames(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |line| Names::Usernames {
        app: line.app.as_deref(),
    })
}

/// The names that start with `current`, or none when anything is missing
/// (no registry, no key, not a member): completion never complains.
fn candidates(
    current: &OsStr,
    what: impl for<'a> Fn(&'a Line) -> Names<'a>,
) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str() else {
        return Vec::new();
    };
    let line = Line::parse(&words());
    completion::names(&line.options(), what(&line), prefix)
        .unwrap_or_default()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The words of the command line being completed: this process's arguments
/// after the first `--` (`authgate -- authgate show --app sh`).
fn words() -> Vec<OsString> {
    std::env::args_os()
        .skip(1)
        .skip_while(|a| a != "--")
        .skip(1)
        .collect()
}

/// What the command line being completed says about where the registry is,
/// who acts, and which application it is about.
#[derive(Debug, Default, PartialEq, Eq)]
struct Line {
    db: Option<PathBuf>,
    api_key_file: Option<PathBuf>,
    org: Option<String>,
    app: Option<String>,
}

impl Line {
    /// Reads `--db`, `--api-key-file`, `--org` and `--app` (as `--opt VALUE`
    /// or `--opt=VALUE`; the last one wins), up to a `--`.
    fn parse(words: &[OsString]) -> Line {
        let mut line = Line::default();
        let mut words = words.iter().map(|w| w.to_string_lossy());
        while let Some(word) = words.next() {
            if word == "--" {
                break;
            }
            let (name, inline) = match word.split_once('=') {
                Some((name, value)) => (name.to_string(), Some(value.to_string())),
                None => (word.to_string(), None),
            };
            let slot = match name.as_str() {
                "--db" | "--api-key-file" | "--org" | "--app" => name,
                _ => continue,
            };
            let Some(value) = inline.or_else(|| words.next().map(|w| w.to_string())) else {
                break;
            };
            match slot.as_str() {
                "--db" => line.db = Some(PathBuf::from(value)),
                "--api-key-file" => line.api_key_file = Some(PathBuf::from(value)),
                "--org" => line.org = Some(value),
                _ => line.app = Some(value),
            }
        }
        line
    }

    /// The options a command run with this line would take: `--db`, else
    /// `AUTHGATE_DB`, else the default; the key from `--api-key-file`, else
    /// where commands look for it.
    fn options(&self) -> Options {
        Options {
            db: self.db.clone().or_else(|| {
                std::env::var_os("AUTHGATE_DB")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
            api_key_file: self.api_key_file.clone(),
            org: self.org.clone(),
            ..Options::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_line_says_where_who_and_which_application() {
        let line = Line::parse(&words(
            "authgate --db /tmp/a.db show --org=beta --app shop --username ",
        ));
        assert_eq!(
            line,
            Line {
                db: Some("/tmp/a.db".into()),
                api_key_file: None,
                org: Some("beta".into()),
                app: Some("shop".into()),
            }
        );
        let line = Line::parse(&words(
            "authgate --app=a --api-key-file k --app b -- --app c",
        ));
        assert_eq!(line.app.as_deref(), Some("b"));
        assert_eq!(line.api_key_file, Some("k".into()));
        assert_eq!(Line::parse(&words("authgate list --app")), Line::default());
    }

    /// Every argument that takes an application or an existing username
    /// completes; `create --username` (a new one) does not.
    #[test]
    fn names_complete_where_they_are_taken() {
        fn find<'c>(cmd: &'c Command, path: &[&str]) -> &'c Command {
            path.iter().fold(cmd, |c, name| {
                c.find_subcommand(name)
                    .unwrap_or_else(|| panic!("no {name}"))
            })
        }
        let cmd = command();
        let arg = |path: &[&str], id: &str| {
            find(&cmd, path)
                .get_arguments()
                .find(|a| a.get_id() == id)
                .unwrap_or_else(|| panic!("{path:?} has no {id}"))
                .clone()
        };
        for (path, id) in [
            (&["create"][..], "app"),
            (&["show"], "app"),
            (&["list"], "app"),
            (&["import"], "app"),
            (&["app", "show"], "app"),
            (&["audit", "failures"], "app"),
        ] {
            assert!(
                arg(path, id).get::<ArgValueCompleter>().is_some(),
                "{path:?} {id}"
            );
        }
        for path in [&["show"][..], &["update"], &["delete"], &["verify"]] {
            assert!(
                arg(path, "username").get::<ArgValueCompleter>().is_some(),
                "{path:?}"
            );
        }
        assert!(
            arg(&["create"], "username")
                .get::<ArgValueCompleter>()
                .is_none()
        );
        cmd.clone().debug_assert();
    }

    /// What the completion engine offers for the last of `words`.
    fn offered(words: &[&str]) -> Vec<String> {
        let args = words.iter().map(OsString::from).collect();
        clap_complete::engine::complete(&mut command(), args, words.len() - 1, None)
            .unwrap()
            .iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn settings_set_completes_the_setting_names() {
        let names: Vec<&str> = Setting::ALL.iter().map(|s| s.name()).collect();
        let all = offered(&["authgate", "settings", "set", ""]);
        for name in &names {
            assert!(all.contains(&name.to_string()), "{all:?}");
        }
        assert_eq!(
            offered(&["authgate", "settings", "set", "min"]),
            ["min-password-score"]
        );
        // The value comes second, and is not a setting name.
        let value = offered(&["authgate", "settings", "set", "bcrypt-cost", ""]);
        assert!(
            !value.iter().any(|v| names.contains(&v.as_str())),
            "{value:?}"
        );
    }
}
