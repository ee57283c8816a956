//! `authgate completions SHELL`: shell completions generated from the clap
//! definition, so they never drift from the real options.

use clap::{Args, Command};
use clap_complete::Shell;

use super::Context;
use authgate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to print completions for
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: Shell,
}

/// The completion script of `cli` (the whole command tree) for `shell`, as
/// bytes.
pub fn generate(shell: Shell, cli: Command) -> Vec<u8> {
    let mut cmd = without_hidden_subcommands(cli);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "authgate", &mut out);
    out
}

/// The top-level command without its hidden subcommands (`gen-docs`), which
/// clap_complete would otherwise offer. clap cannot remove a subcommand, so
/// the command is rebuilt from its parts: what completion scripts use.
fn without_hidden_subcommands(full: Command) -> Command {
    let mut cmd = Command::new("authgate")
        .bin_name("authgate")
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(full.is_propagate_version_set());
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    if let Some(long_about) = full.get_long_about() {
        cmd = cmd.long_about(long_about.clone());
    }
    if let Some(after) = full.get_after_long_help() {
        cmd = cmd.after_long_help(after.clone());
    }
    cmd.args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
}

pub fn run(args: CompletionsArgs, _ctx: &Context, cli: Command) -> Result<()> {
    use std::io::Write;
    let script = generate(args.shell, cli);
    let mut out = std::io::stdout().lock();
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::from(e)),
    }
}
