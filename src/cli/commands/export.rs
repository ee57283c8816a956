use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use authgate::domain::credentials;
use authgate::error::{Error, Result};
use authgate::traefik;

/// Print an application's credentials as htpasswd, Traefik YAML or JSON
///
/// Prints an application's credentials with their hashes: as htpasswd lines
/// (for nginx's auth_basic_user_file or Apache's AuthUserFile), as the
/// Traefik YAML authgate writes, or as JSON. Audited.
#[derive(Debug, Args)]
#[command(after_long_help = "Example:\n  authgate export --app shop > /etc/nginx/shop.htpasswd")]
pub struct ExportArgs {
    /// Application id or app name
    #[arg(long, value_name = "APP")]
    pub app: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Htpasswd)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Htpasswd,
    TraefikYaml,
    Json,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Exported {
    username: String,
    password_hash: String,
    hash_scheme: &'static str,
}

pub fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    let name = args
        .format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    let (app, list) = credentials::export(&mut session, &args.app, &name)?;
    let text = match args.format {
        ExportFormat::Htpasswd => list
            .iter()
            .map(|c| format!("{}:{}\n", c.username, c.password_hash))
            .collect(),
        ExportFormat::TraefikYaml => match traefik::render(&app, &list, &authgate::store::now()) {
            Some(config) => traefik::to_yaml(&app, &config)?,
            None => {
                return Err(Error::not_found(format!(
                    "application '{}' has no Traefik configuration: no routing and no credentials",
                    app.app_name
                )));
            }
        },
        ExportFormat::Json => {
            let rows: Vec<Exported> = list
                .into_iter()
                .map(|c| Exported {
                    hash_scheme: authgate::domain::hashes::Scheme::of(&c.password_hash)
                        .map_or("unknown", |s| s.as_str()),
                    username: c.username,
                    password_hash: c.password_hash,
                })
                .collect();
            serde_json::to_string_pretty(&rows)
                .map_err(|e| Error::internal(format!("cannot print JSON: {e}")))?
                + "\n"
        }
    };
    print!("{text}");
    Ok(())
}
