//! `authgate completions SHELL`: the shell's completion script. The script
//! asks the binary at each Tab (`AUTHGATE_COMPLETE=SHELL authgate -- WORDS...`, see
//! `cli::complete`), which answers from the clap definition, so the
//! completions never drift from the real options, and from the registry
//! for app names and usernames.

use clap::Args;
use clap_complete::Shell;
use clap_complete::env::Shells;

use super::Context;
use crate::cli::complete::VAR;
use authgate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// Shell to print completions for
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`, as bytes: it calls the `authgate` on
/// PATH to complete.
pub(crate) fn generate(shell: Shell) -> Vec<u8> {
    let shells = Shells::builtins();
    let completer = shells
        .completer(&shell.to_string())
        .expect("clap_complete completes every shell it generates for");
    let mut out = Vec::new();
    completer
        .write_registration(VAR, "authgate", "authgate", "authgate", &mut out)
        .expect("writing to memory does not fail");
    if shell == Shell::Zsh {
        // Autoloaded from `fpath` as `_authgate`, the file is the body of
        // that function, run at the first Tab: it defines the completer and
        // binds it for later Tabs, and this line completes the first one.
        out.extend_from_slice(
            b"if [[ \"${funcstack[1]}\" == \"_authgate\" ]]; then\n    _clap_dynamic_completer_authgate \"$@\"\nfi\n",
        );
    }
    out
}

pub(crate) fn run(args: CompletionsArgs, _ctx: &Context) -> Result<()> {
    use std::io::Write;
    let script = generate(args.shell);
    let mut out = std::io::stdout().lock();
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(crate::cli::output::stdout_failed(e)),
    }
}
