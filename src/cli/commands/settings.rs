use clap::{Args, Subcommand};

use super::Context;
use authgate::domain::installation::{self, Setting};
use authgate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum SettingsCommand {
    /// Show the registry's settings (installation owners only)
    List,
    /// Change a setting (installation owners only): traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score, file-mode, name-reservation-days, max-credentials-per-app, max-credentials-per-org, max-credentials or max-import-bytes
    #[command(
        after_long_help = "Examples:\n  authgate settings set bcrypt-cost 12\n  authgate settings set file-mode 0600 && authgate sync"
    )]
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub(crate) struct SetArgs {
    /// traefik-dir, bcrypt-cost, max-bcrypt-cost, min-password-score, file-mode, name-reservation-days, max-credentials-per-app, max-credentials-per-org, max-credentials or max-import-bytes
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The new value
    #[arg(value_name = "VALUE")]
    pub value: String,
}

pub(crate) fn run(cmd: SettingsCommand, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    match cmd {
        SettingsCommand::List => ctx.printer.list(
            &installation::list_settings(&session)?,
            &["name", "value"],
            "name",
        ),
        SettingsCommand::Set(args) => {
            let setting = Setting::parse(&args.name)?;
            let view = installation::set_setting(&mut session, setting, &args.value)?;
            ctx.printer.record(&view, "name")
        }
    }
}
