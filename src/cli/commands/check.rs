use clap::Args;

use super::Context;
use crate::cli::progress::{self, Bar, Unit};
use authgate::domain::drift;
use authgate::error::{Error, Result};

/// Report drift between the Traefik directory (and key-value sinks) and the database
///
/// Compares every application's file in the Traefik directory, and its keys
/// in each key-value sink, with what the database renders, and says what differs.
/// Reports missing, different and orphaned files or key sets, keys injected
/// into an application's subtrees, and stray temp files. Also reports the
/// files authgate did not write that Traefik cannot load (one freezes the
/// whole directory) or whose routers route an application's host, hosts
/// that several applications route, and values stored before today's input
/// rules that they refuse. Read-only; exits 0 when clean and 7 (DRIFT)
/// otherwise.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example (monitoring):\n  authgate check -o json || alert \"authgate drift\""
)]
pub(crate) struct CheckArgs {}

pub(crate) fn run(_args: CheckArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let bar = Bar::new(&ctx.printer, progress::MIN_APPS, Unit::Items);
    let report = drift::run_check(&session, &bar)?;
    drop(bar);
    let findings = report.findings;
    // With -q, findings only: a script reads what to act on, not advice.
    if ctx.printer.quiet {
        return finish(ctx, &session, &findings);
    }
    for app in &report.mixed_schemes {
        ctx.printer
            .warn(&authgate::domain::credentials::mixed_scheme_warning(app));
    }
    if report.weak_credentials > 0 {
        ctx.printer.warn(&format!(
            "{} credential(s) have a password below the strength policy, let through with --allow-weak (`authgate audit --action security.create` says by whom)",
            report.weak_credentials
        ));
    }
    finish(ctx, &session, &findings)
}

/// Prints the findings, and fails with DRIFT when there are any.
fn finish(
    ctx: &Context,
    session: &authgate::domain::session::Session,
    findings: &[authgate::domain::drift::Finding],
) -> Result<()> {
    ctx.printer
        .list(findings, &["status", "path", "detail"], "path")?;
    if findings.is_empty() {
        ctx.printer
            .note(&format!("{} matches the database", drift::targets(session)));
        Ok(())
    } else {
        let repairable = findings.iter().filter(|f| f.status.is_repairable()).count();
        let others = findings.len() - repairable;
        let mut message = format!(
            "{} item(s) in {} differ from the database",
            findings.len(),
            drift::targets(session)
        );
        if repairable > 0 {
            message.push_str(&format!(": `authgate sync` repairs {repairable}"));
        }
        if others > 0 {
            message.push_str(&format!(
                "{} {others} need you (files authgate did not write, stored values today's rules refuse, or shared hosts)",
                if repairable > 0 { ", and" } else { ":" }
            ));
        }
        Err(Error::drift(message))
    }
}
