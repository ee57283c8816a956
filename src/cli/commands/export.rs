use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use crate::cli::output::Format;
use authgate::domain::credentials;
use authgate::error::{Error, Result};

/// Print an application's credentials as htpasswd, Traefik YAML or JSON
///
/// Prints an application's own credentials with their hashes (with
/// --include-inherited, the shared ones it accepts too): as htpasswd lines
/// (for nginx's auth_basic_user_file or Apache's AuthUserFile), as the
/// Traefik YAML authgate writes, or as JSON. Audited.
#[derive(Debug, Args)]
#[command(
    after_long_help = "Without --format, -o json and -o yaml give the credentials as JSON or YAML, and a table or -o wide htpasswd lines.\n\nExamples:\n  authgate export --app shop --out /etc/nginx/shop.htpasswd\n  authgate export --app shop -o json | jq ."
)]
pub(crate) struct ExportArgs {
    /// Application id or app name
    #[arg(long, value_name = "APP")]
    pub app: String,
    /// What to print [default: htpasswd, or JSON/YAML with -o json/-o yaml]
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write to this file (mode 0600, replaced atomically) instead of stdout
    #[arg(long, value_name = "PATH")]
    pub out: Option<std::path::PathBuf>,
    /// Also the credentials its project and environment share, as ordinary lines
    #[arg(long)]
    pub include_inherited: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    Htpasswd,
    TraefikYaml,
    Json,
    Yaml,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Exported {
    username: String,
    password_hash: String,
    hash_scheme: &'static str,
}

pub(crate) fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let mut session = ctx.session()?;
    // -o is honoured as for every command, unless --format says otherwise.
    let format = args.format.unwrap_or(match ctx.printer.format {
        Format::Json => ExportFormat::Json,
        Format::Yaml => ExportFormat::Yaml,
        Format::Table | Format::Wide => ExportFormat::Htpasswd,
    });
    let name = format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    let (app, list) = credentials::export(&mut session, &args.app, &name, args.include_inherited)?;
    let rows = |list: Vec<credentials::Credential>| -> Vec<Exported> {
        list.into_iter()
            .map(|c| Exported {
                hash_scheme: authgate::domain::password::Scheme::name_of(&c.password_hash),
                username: c.username,
                password_hash: c.password_hash,
            })
            .collect()
    };
    let text = match format {
        ExportFormat::Htpasswd => list
            .iter()
            .map(|c| format!("{}:{}\n", c.username, c.password_hash))
            .collect(),
        ExportFormat::TraefikYaml => credentials::traefik_yaml(&app, &list)?,
        ExportFormat::Json => {
            serde_json::to_string_pretty(&rows(list))
                .map_err(|e| Error::internal(format!("cannot print JSON: {e}")))?
                + "\n"
        }
        ExportFormat::Yaml => serde_norway::to_string(&rows(list))
            .map_err(|e| Error::internal(format!("cannot print YAML: {e}")))?,
    };
    match &args.out {
        None => ctx.printer.text(&text)?,
        Some(path) => write_private(path, &text)?,
    }
    Ok(())
}

/// Writes hashes to a file only its owner can read, whatever the umask:
/// a temp file (created 0600) in the same directory, renamed over `path`.
fn write_private(path: &std::path::Path, text: &str) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let failed =
        |e: std::io::Error| Error::bad_request(format!("cannot write {}: {e}", path.display()));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
