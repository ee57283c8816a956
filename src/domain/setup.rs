//! `init`: the database, the first organization and owner, the owner's API
//! key in the credentials file, and the Traefik directory, in one step.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::auth::{self, Role};
use crate::domain::password::cost;
use crate::domain::session::DEFAULT_FILE_MODE;
use crate::domain::validate;
use crate::error::{Context, Error, Remedy, Result};
use crate::store::audit::{self, Event, Outcome};
use crate::store::{Store, dirs, keys, settings, tenancy};

/// The directories authgate creates, for `install-docs` too.
pub use crate::store::dirs as directories;

pub struct InitParams {
    pub db: PathBuf,
    pub traefik_dir: PathBuf,
    pub credentials_file: PathBuf,
    pub org: String,
    pub user: String,
    pub bcrypt_cost: u32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InitReport {
    pub database: PathBuf,
    pub traefik_dir: PathBuf,
    pub credentials_file: PathBuf,
    pub org: String,
    pub user: String,
    pub key_id: String,
}

fn already_initialized(db: &Path) -> Result<bool> {
    // A missing or empty file is a new registry (unless a write-ahead log
    // lies beside it, which `Store::create` refuses); any other file must
    // be a registry already, which `Store::open` checks.
    if std::fs::metadata(db).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        || std::fs::metadata(db).is_ok_and(|m| m.is_file() && m.len() == 0)
    {
        return Ok(false);
    }
    let store = Store::open(db)?;
    Ok(settings::get(store.conn(), settings::INITIALIZED_AT)?.is_some())
}

pub fn init(params: &InitParams) -> Result<InitReport> {
    validate::identifier("organization name", &params.org)?;
    validate::identifier("user name", &params.user)?;
    cost::check_cost(params.bcrypt_cost)?;
    cost::check_cost_limit(params.bcrypt_cost, cost::DEFAULT_MAX_COST)?;
    let traefik_dir = validate::traefik_dir(&params.traefik_dir)?;
    if already_initialized(&params.db)? {
        return Err(Error::conflict(format!(
            "{} is already initialized; nothing was changed: use it as it is (`authgate app list`, `authgate app add`), give another registry with --db, or start over by moving this one away",
            params.db.display()
        )));
    }
    if params.credentials_file.exists() {
        return Err(Error::conflict(format!(
            "the credentials file {} already exists",
            params.credentials_file.display()
        ))
        .remedy(Remedy::OtherCredentialsFile));
    }
    let mut store = Store::create(&params.db)?;
    let tx = store.write_tx()?;
    let org = tenancy::insert_org(&tx, &params.org)?;
    let user = tenancy::insert_user(&tx, &params.user, &org.org_id)?;
    tenancy::insert_member(&tx, &user.user_id, &org.org_id, Role::Owner)?;
    let key = auth::mint_key();
    keys::insert(
        &tx,
        &key.key_id,
        &user.user_id,
        "default",
        &key.secret_sha256,
    )?;
    settings::set(&tx, settings::TRAEFIK_DIR, &traefik_dir.to_string_lossy())?;
    settings::set(&tx, settings::BCRYPT_COST, &params.bcrypt_cost.to_string())?;
    settings::set(
        &tx,
        settings::FILE_MODE,
        &format!("{DEFAULT_FILE_MODE:04o}"),
    )?;
    settings::set(&tx, settings::INITIALIZED_AT, &crate::store::now())?;
    settings::set(&tx, settings::INSTALLATION_ORG, &org.org_id)?;
    let actor = audit::AuditActor {
        user_id: Some(&user.user_id),
        user_name: Some(&user.name),
        org_id: Some(&org.org_id),
    };
    audit::record(
        &tx,
        &actor,
        &Event::new("init")
            .target("organization", &org.org_id)
            .detail(format!(
                "organization '{}', owner '{}'",
                org.name, user.name
            )),
        Outcome::Ok,
    )?;
    audit::record(
        &tx,
        &actor,
        &Event::new("apikey.create").target("api_key", &key.key_id),
        Outcome::Ok,
    )?;
    dirs::create(&traefik_dir, dirs::TRAEFIK_DIR_MODE)?;
    write_credentials(&params.credentials_file, &key.full_key)?;
    if let Err(e) = tx.commit() {
        let _ = std::fs::remove_file(&params.credentials_file);
        return Err(e.into());
    }
    Ok(InitReport {
        database: params.db.clone(),
        traefik_dir,
        credentials_file: params.credentials_file.clone(),
        org: org.name,
        user: user.name,
        key_id: key.key_id,
    })
}

/// Writes the key to a new file of mode 0600 (its missing directories 0700).
fn write_credentials(path: &Path, key: &str) -> Result<()> {
    dirs::create_parent(path, dirs::PRIVATE_DIR_MODE)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .context_path("cannot create credentials file", path)?;
    writeln!(file, "{key}")
        .and_then(|()| file.sync_all())
        .context_path("cannot write credentials file", path)
}

/// The static-configuration snippet that makes Traefik watch the directory.
/// The static configuration that turns Traefik's API on, on a loopback
/// entry point named `traefik`, for `authgate traefik add` (which `--wait`,
/// `status` and `check` then ask what Traefik serves).
pub const TRAEFIK_API_SNIPPET: &str =
    "api:\n  insecure: true\nentryPoints:\n  traefik:\n    address: \"127.0.0.1:8080\"\n";

pub fn traefik_static_snippet(dir: &Path) -> String {
    let dir = serde_norway::to_string(&dir.to_string_lossy().to_string())
        .unwrap_or_default()
        .trim_end()
        .to_string();
    format!("providers:\n  file:\n    directory: {dir}\n    watch: true\n")
}
