use clap::Args;

use super::Context;
use authgate::domain::credentials;
use authgate::error::Result;

/// Withdraw expired credentials from Traefik (for cron)
///
/// Publishes again exactly the applications with a credential whose expiry
/// has passed since they were last published, so that Traefik stops
/// accepting it, and audits each withdrawal as `credential.expired`. An
/// application whose credentials have all expired stays locked (401 to
/// everyone), never public. With nothing due it is one indexed query; run
/// twice, the second run does nothing. Installation owners only.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Example (crontab: every minute, so an expired credential is refused within a minute):\n  * * * * * authgate expire -q"
)]
pub struct ExpireArgs {}

pub fn run(_args: ExpireArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    let withdrawn = credentials::expire(&mut session)?;
    ctx.printer.list(
        &withdrawn,
        &["appName", "username", "securityId", "expiresAt", "locked"],
        "securityId",
    )?;
    let apps: std::collections::BTreeSet<&str> =
        withdrawn.iter().map(|w| w.app_name.as_str()).collect();
    ctx.printer.note(&match withdrawn.len() {
        0 => "no credential has expired since it was last published; nothing to do".to_string(),
        n => format!(
            "withdrew {n} expired credential(s) from {} application(s)",
            apps.len()
        ),
    });
    let locked: std::collections::BTreeMap<&str, bool> = withdrawn
        .iter()
        .filter(|w| w.locked)
        .map(|w| (w.app_name.as_str(), w.private))
        .collect();
    for (app, private) in locked {
        let remedy = if private {
            "add a credential (it is private: without credentials it stays closed)"
        } else {
            "add a credential, or delete them to make it public"
        };
        ctx.printer.warn(&format!(
            "{app} is locked: every credential has expired, so it answers 401 to everyone; {remedy}"
        ));
    }
    Ok(())
}
