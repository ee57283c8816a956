use clap::Args;

use super::Context;
use authgate::domain::served;
use authgate::error::{Error, Result};

/// Ask every registered Traefik instance what it really serves of each application
///
/// For every application you may see (or APP) and every instance registered
/// with `authgate traefik add`, one state: served (what authgate wrote),
/// stale (an older version), missing, error (Traefik's own message),
/// bypassed (a router of any provider that can take one of the
/// application's hosts without its middleware), unprotected (with --probe:
/// a request without credentials was not refused), unreachable; and, for
/// installation owners, dangling (a router that references an …-auth@…
/// middleware that does not exist). Exits 7 when anything is not served.
#[derive(Debug, Args)]
#[command(after_long_help = "Examples:\n  authgate status\n  authgate status shop --probe -o json")]
pub(crate) struct StatusArgs {
    /// Application id or app name [default: every application you may see]
    #[arg(value_name = "APP")]
    pub app: Option<String>,
    /// Also send one request without credentials per protected host through each instance's entry point URLs (the host's name as SNI over HTTPS)
    #[arg(long)]
    pub probe: bool,
    /// With --probe over HTTPS, refuse a certificate that is not valid for the host (by default any certificate is accepted: the probe asks what Traefik routes)
    #[arg(long, requires = "probe")]
    pub verify_certificates: bool,
}

pub(crate) fn run(args: StatusArgs, ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let probe = args.probe.then_some(served::Probe {
        verify_certificates: args.verify_certificates,
    });
    let findings = served::status(&session, args.app.as_deref(), probe)?;
    ctx.printer.list(
        &findings,
        &["appName", "instance", "state", "detail"],
        "appName",
    )?;
    let not_served = findings.iter().filter(|f| !f.is_served()).count();
    if not_served > 0 {
        return Err(Error::drift(format!(
            "{not_served} of {} finding(s) are not `served`",
            findings.len()
        )));
    }
    Ok(())
}
