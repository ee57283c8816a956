//! Where a new password comes from: stdin, a file, an environment variable,
//! the command line, a prompt on the terminal, or the generator; and the one
//! rule by which a password is read from any of them.

use std::path::PathBuf;

use crate::domain::password::secret::{self, Alphabet, MAX_PASSWORD_BYTES, Origin, Secret};
use crate::domain::password::{Advice, Console};
use crate::error::{Error, Result};
use crate::input;

/// Where the password of a `create` or `update` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
    Env(String),
    Generate {
        length: usize,
        alphabet: Alphabet,
    },
    /// Given on the command line; visible to other users in the process list.
    Argument(String),
    /// Ask on the terminal, twice, without echo.
    Prompt,
}

impl Source {
    /// Whether the password is one authgate generates.
    pub fn origin(&self) -> Origin {
        match self {
            Source::Generate { length, .. } => Origin::Generated { length: *length },
            _ => Origin::Chosen,
        }
    }
}

/// Reads a new password from `source` (the prompt: through `console`), and
/// checks it against the input rules; what they warn of is told to
/// `console`.
pub fn read(source: &Source, console: &dyn Console) -> Result<Secret> {
    let (secret, mut warnings) = read_unchecked(source, console)?;
    warnings.extend(secret::check(secret.expose())?);
    for w in warnings {
        console.tell(&Advice::Warning(w));
    }
    Ok(secret)
}

/// Reads a password without applying the rules for new passwords (for
/// `verify`, which checks whatever it is given).
pub fn read_unchecked(source: &Source, console: &dyn Console) -> Result<(Secret, Vec<String>)> {
    let mut warnings = Vec::new();
    let secret = match source {
        Source::Stdin => {
            let text = bounded(
                input::read(std::io::stdin().lock(), MAX_SOURCE_BYTES),
                "stdin",
            )?;
            Secret::chosen(one_line(text).map_err(|lines| {
                Error::bad_request(format!(
                    "stdin has {lines} lines: --password-stdin reads one password, on one line"
                ))
            })?)
        }
        Source::File(path) => {
            // A path given on the command line that cannot be read is bad
            // input (exit 2), like an unset --password-env variable.
            let text = bounded(
                input::read_path(path, MAX_SOURCE_BYTES),
                &format!("password file {}", path.display()),
            )?;
            Secret::chosen(one_line(text).map_err(|lines| {
                Error::bad_request(format!(
                    "the password file {} has {lines} lines: a password file holds one password, on one line",
                    path.display()
                ))
            })?)
        }
        Source::Env(var) => match std::env::var(var) {
            Ok(v) => Secret::chosen(one_line(v).map_err(|lines| {
                Error::bad_request(format!(
                    "environment variable '{var}' has {lines} lines: a password is one line"
                ))
            })?),
            Err(_) => {
                return Err(Error::bad_request(format!(
                    "environment variable '{var}' is not set or not valid UTF-8"
                )));
            }
        },
        Source::Generate { length, alphabet } => Secret::generate(*length, *alphabet)?,
        Source::Argument(v) => {
            warnings.push(
                "--password puts the password on the command line, where other users can see it; prefer --password-stdin, --password-file or --password-env".to_string(),
            );
            Secret::chosen(one_line(v.clone()).map_err(|lines| {
                Error::bad_request(format!(
                    "--password has {lines} lines: a password is one line"
                ))
            })?)
        }
        Source::Prompt => Secret::chosen(console.ask_password()?),
    };
    Ok((secret, warnings))
}

/// The most a password source is read: far above any password (72 bytes at
/// most), so that a long one is refused for its length, and a source that
/// never ends (`/dev/zero`) stops here.
const MAX_SOURCE_BYTES: u64 = 4096;

/// The text of a bounded read of a password source, or why not (exit 2).
fn bounded(read: std::io::Result<input::Limited>, what: &str) -> Result<String> {
    match read {
        Ok(input::Limited::Fits(bytes)) => String::from_utf8(bytes)
            .map_err(|_| Error::bad_request(format!("the {what} is not valid UTF-8"))),
        Ok(input::Limited::TooLarge) => Err(Error::bad_request(format!(
            "the {what} holds more than {MAX_SOURCE_BYTES} bytes: it is not a password (at most {} bytes); nothing was changed",
            MAX_PASSWORD_BYTES
        ))),
        Err(e) => Err(Error::bad_request(format!("cannot read the {what}: {e}"))),
    }
}

/// The password a source holds, whatever the source (the same rule for
/// stdin, a file, a variable and the command line): without a UTF-8 byte
/// order mark at the start (which some editors write, and which no one
/// means as part of a password) and one trailing newline (`\n` or `\r\n`).
/// What is left must be one line; otherwise the error is the number of
/// lines.
fn one_line(mut text: String) -> std::result::Result<String, usize> {
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    let text = strip_one_newline(text);
    let breaks = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\r')
        .count();
    if breaks == 0 {
        Ok(text)
    } else {
        Err(breaks + 1)
    }
}

fn strip_one_newline(mut s: String) -> String {
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_trailing_newline_is_stripped() {
        assert_eq!(strip_one_newline("pw\n".into()), "pw");
        assert_eq!(strip_one_newline("pw\r\n".into()), "pw");
        assert_eq!(strip_one_newline("pw\n\n".into()), "pw\n");
        assert_eq!(strip_one_newline("pw".into()), "pw");
    }

    #[test]
    fn a_password_is_one_line_without_a_bom() {
        assert_eq!(one_line("pw".into()), Ok("pw".into()));
        assert_eq!(one_line("pw\n".into()), Ok("pw".into()));
        assert_eq!(one_line("pw\r\n".into()), Ok("pw".into()));
        assert_eq!(one_line("\u{FEFF}pw\r\n".into()), Ok("pw".into()));
        assert_eq!(one_line("\u{FEFF}".into()), Ok("".into()));
        // Only one BOM, at the start, is dropped.
        assert_eq!(one_line("p\u{FEFF}w".into()), Ok("p\u{FEFF}w".into()));
        assert_eq!(one_line("pw\n\n".into()), Err(2));
        assert_eq!(one_line("pw\nsecond\n".into()), Err(2));
        assert_eq!(one_line("a\r\nb\r\nc".into()), Err(3));
        assert_eq!(one_line("a\rb".into()), Err(2));
        assert_eq!(one_line("\n".into()), Ok("".into()));
    }
}
