//! `authgate completions SHELL`: shell completions generated from the clap
//! definition, so they never drift from the real options.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Context;
use crate::cli::Cli;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to print completions for
    #[arg(value_name = "SHELL", value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`, as bytes.
pub fn generate(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "authgate", &mut out);
    out
}

pub fn run(args: CompletionsArgs, _ctx: &Context) -> Result<()> {
    use std::io::Write;
    let script = generate(args.shell);
    let mut out = std::io::stdout().lock();
    match out.write_all(&script).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::from(e)),
    }
}
