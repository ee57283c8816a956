use clap::Args;

use super::{Context, DRY_RUN_HELP};
use crate::cli::dry_run;
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
pub(crate) struct ExpireArgs {
    #[arg(long, help = DRY_RUN_HELP)]
    pub dry_run: bool,
}

pub(crate) fn run(args: ExpireArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session_for(args.dry_run)?;
    let dry = session.dry_run;
    let withdrawn = credentials::expire(&mut session)?;
    if !dry {
        ctx.printer.list(
            &withdrawn,
            &["appName", "username", "+securityId", "expiresAt", "locked"],
            "securityId",
        )?;
    }
    let apps: std::collections::BTreeSet<&str> =
        withdrawn.iter().map(|w| w.app_name.as_str()).collect();
    let summary = match (withdrawn.len(), dry) {
        (0, _) => {
            "no credential has expired since it was last published; nothing to do".to_string()
        }
        (n, false) => format!(
            "withdrew {n} expired credential(s) from {} application(s)",
            apps.len()
        ),
        (n, true) => format!(
            "would withdraw {n} expired credential(s) from {} application(s)",
            apps.len()
        ),
    };
    if !dry {
        ctx.printer.note(&summary);
    }
    let locked: std::collections::BTreeMap<&str, bool> = withdrawn
        .iter()
        .filter(|w| w.locked)
        .map(|w| (w.app_name.as_str(), w.private))
        .collect();
    let is = if dry { "would be" } else { "is" };
    for (app, private) in locked {
        let remedy = if private {
            "add a credential (it is private: without credentials it stays closed)"
        } else {
            "add a credential, or delete them to make it public"
        };
        ctx.printer.warn(&format!(
            "{app} {is} locked: every credential has expired, so it answers 401 to everyone; {remedy}"
        ));
    }
    if dry {
        #[derive(serde::Serialize)]
        struct Would<'a> {
            withdrawn: &'a [credentials::Withdrawn],
        }
        let would = Would {
            withdrawn: &withdrawn,
        };
        return dry_run::print(ctx, &session, Some(&would), &summary);
    }
    Ok(())
}
