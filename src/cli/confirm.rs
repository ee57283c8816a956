//! Asking before something that cannot be undone, on a terminal only:
//! scripts and cron have none, and give `--yes` to say they mean it.

use std::io::IsTerminal;

use authgate::error::{Error, Result};

/// Whether to ask: both stdin and stderr are a terminal (someone is there
/// to answer, and sees the question).
pub(crate) fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks `question` (`[y/N]` is added); anything but yes refuses with
/// `refused`, and nothing is done.
pub(crate) fn ask(question: &str, refused: &str) -> Result<()> {
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::bad_request(format!("cannot read the confirmation from stdin: {e}")))?;
    if matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
        Ok(())
    } else {
        Err(Error::bad_request(format!("not confirmed: {refused}")))
    }
}
