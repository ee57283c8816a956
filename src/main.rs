use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = authgate::cli::Cli::parse();
    let printer = cli.printer();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
