//! Asking for a password on the terminal, twice, without echo: the one part
//! of reading a password that needs a terminal (the rest is
//! `authgate::domain::password::source`).

use std::io::IsTerminal;

use authgate::error::{Error, Result};

/// Asks for a new password on the terminal, or says what to use instead.
pub(crate) fn prompt() -> Result<String> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::bad_request(
            "no password given and stdin is not a terminal: use --password-stdin, --password-file PATH, --password-env VAR or --generate",
        ));
    }
    let first = rpassword::prompt_password("Password: ").map_err(|e| {
        Error::bad_request(format!("cannot read the password from the terminal: {e}"))
    })?;
    let second = rpassword::prompt_password("Repeat password: ").map_err(|e| {
        Error::bad_request(format!("cannot read the password from the terminal: {e}"))
    })?;
    if first != second {
        return Err(Error::bad_request("the two passwords do not match"));
    }
    Ok(first)
}
