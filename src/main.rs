use std::ffi::OsString;
use std::process::ExitCode;

mod cli;

use authgate::{Error, ErrorCode};
use cli::Cli;
use cli::output::{Format, Printer};

fn main() -> ExitCode {
    // A shell asking for completions (`AUTHGATE_COMPLETE=bash authgate -- ...`) gets
    // them, and nothing else runs.
    cli::complete::answer_if_asked();
    // Start-up is most of a `--version`: skip building the command tree.
    let mut args = std::env::args_os().skip(1);
    if let (Some(flag), None) = (args.next(), args.next())
        && (flag == "--version" || flag == "-V")
    {
        println!("authgate {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::parse_args(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let printer = cli.printer();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// clap's own errors (exit 2) and `--help`/`--version` (exit 0). A script that
/// asked for `-o json` gets its usage error as JSON too, like every other error.
fn usage_error(e: clap::Error) -> ExitCode {
    if e.use_stderr() && asks_for_json(std::env::args_os().skip(1)) {
        let rendered = e.render().to_string();
        let message = rendered.lines().next().unwrap_or_default();
        let message = message.strip_prefix("error: ").unwrap_or(message);
        let printer = Printer {
            format: Format::Json,
            ..Printer::default()
        };
        printer.error(&Error::bad_request(message));
        return ExitCode::from(ErrorCode::BadRequest.exit_code());
    }
    e.exit()
}

/// Whether the raw arguments select JSON output (the last `-o`/`--output` wins).
fn asks_for_json(args: impl Iterator<Item = OsString>) -> bool {
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let mut json = false;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if arg == "--" {
            break;
        }
        let value = if arg == "--output"
            || (arg.starts_with('-') && !arg.starts_with("--") && arg.ends_with('o'))
        {
            i += 1;
            args.get(i).map(String::as_str)
        } else if let Some(v) = arg.strip_prefix("--output=") {
            Some(v)
        } else if arg.starts_with('-') && !arg.starts_with("--") {
            // -ojson, -o=json, -qojson
            arg.split_once('o').map(|(_, v)| v.trim_start_matches('='))
        } else {
            None
        };
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            json = v == "json";
        }
        i += 1;
    }
    json
}
