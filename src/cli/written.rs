//! What `create` and `update` print of the credential they wrote.

use crate::cli::commands::Context;
use crate::cli::dry_run;
use authgate::domain::credentials::{CredentialView, Written};
use authgate::error::Result;

/// What a dry run says of a password it would generate.
const GENERATED_NOT_SHOWN: &str =
    " with a newly generated password (shown once by the real run; none is set or shown now)";

/// Said once a generated password is printed.
const SHOWN_ONCE: &str =
    "the generated password is shown once: it is stored only as a hash and cannot be shown again";

/// Prints the credential `create` or `update` wrote, with a generated
/// password shown this once; or, for a dry run, what it would do (`note`,
/// from the username and what holds it) and the changes.
pub(crate) fn print_written(
    ctx: &Context,
    written: Written,
    note: impl FnOnce(&str, &str) -> String,
) -> Result<()> {
    let Written {
        session,
        holder,
        credential,
        generated,
    } = written;
    if session.dry_run {
        let mut note = note(&credential.username, &holder.name());
        if generated.is_some() {
            note.push_str(GENERATED_NOT_SHOWN);
        }
        return dry_run::print(ctx, &session, None::<&()>, &note);
    }
    let mut view = CredentialView::of(&holder, &credential, &session.providers());
    view.password = generated.map(|secret| secret.into_value());
    match &view.password {
        // A script's `P=$(authgate update ... --generate -q)`: the secret is
        // what it needs, and the only thing that cannot be looked up again.
        Some(secret) if ctx.printer.quiet => ctx.printer.text(&format!("{secret}\n")),
        Some(_) => {
            ctx.printer.record(&view, "securityId")?;
            ctx.printer.note(SHOWN_ONCE);
            Ok(())
        }
        None => ctx.printer.record(&view, "securityId"),
    }
}
