//! What every organization shares, and installation owners alone manage:
//! the settings, and the sinks beside the watched directory
//! (ARCHITECTURE.md, "Shared ground").

use serde::Serialize;

use crate::domain::accepted;
use crate::domain::guard;
use crate::domain::names;
use crate::domain::password::{cost, strength};
use crate::domain::publish;
use crate::domain::session::Session;
use crate::domain::validate;
use crate::error::{Error, Result};
use crate::sinks;
use crate::store::audit::Event;
use crate::store::settings;
use crate::store::sinks::SinkRow;

pub use crate::sinks::configured::{PROVIDERS as SINK_PROVIDERS, kinds as sink_kinds};
pub use crate::sinks::kv::KvProvider;

use crate::store::settings::DEFAULT_SINK_TIMEOUT;
use crate::store::settings::sink_timeout;
const MIN_SINK_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(100);
const MAX_SINK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// A setting as operators name it, with its stored key and validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    BcryptCost,
    MaxBcryptCost,
    MinPasswordScore,
    FileMode,
    TraefikDir,
    NameReservationDays,
    MaxCredentialsPerApp,
    MaxCredentialsPerOrg,
    MaxCredentials,
    MaxImportBytes,
    Wait,
    SinkTimeout,
    GuardAccessLog,
    GuardMaxFailures,
    GuardWindow,
    GuardBan,
    GuardMaxBan,
    GuardMaxBans,
    GuardIpv6Prefix,
}

impl Setting {
    pub const ALL: [Setting; 19] = [
        Setting::TraefikDir,
        Setting::BcryptCost,
        Setting::MaxBcryptCost,
        Setting::MinPasswordScore,
        Setting::FileMode,
        Setting::NameReservationDays,
        Setting::MaxCredentialsPerApp,
        Setting::MaxCredentialsPerOrg,
        Setting::MaxCredentials,
        Setting::MaxImportBytes,
        Setting::Wait,
        Setting::SinkTimeout,
        Setting::GuardAccessLog,
        Setting::GuardMaxFailures,
        Setting::GuardWindow,
        Setting::GuardBan,
        Setting::GuardMaxBan,
        Setting::GuardMaxBans,
        Setting::GuardIpv6Prefix,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Setting::BcryptCost => "bcrypt-cost",
            Setting::MaxBcryptCost => "max-bcrypt-cost",
            Setting::MinPasswordScore => "min-password-score",
            Setting::FileMode => "file-mode",
            Setting::TraefikDir => "traefik-dir",
            Setting::NameReservationDays => "name-reservation-days",
            Setting::MaxCredentialsPerApp => "max-credentials-per-app",
            Setting::MaxCredentialsPerOrg => "max-credentials-per-org",
            Setting::MaxCredentials => "max-credentials",
            Setting::MaxImportBytes => "max-import-bytes",
            Setting::Wait => "wait",
            Setting::SinkTimeout => "sink-timeout",
            Setting::GuardAccessLog => "guard-access-log",
            Setting::GuardMaxFailures => "guard-max-failures",
            Setting::GuardWindow => "guard-window",
            Setting::GuardBan => "guard-ban",
            Setting::GuardMaxBan => "guard-max-ban",
            Setting::GuardMaxBans => "guard-max-bans",
            Setting::GuardIpv6Prefix => "guard-ipv6-prefix",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Setting::BcryptCost => settings::BCRYPT_COST,
            Setting::MaxBcryptCost => settings::MAX_BCRYPT_COST,
            Setting::MinPasswordScore => settings::MIN_PASSWORD_SCORE,
            Setting::FileMode => settings::FILE_MODE,
            Setting::TraefikDir => settings::TRAEFIK_DIR,
            Setting::NameReservationDays => settings::NAME_RESERVATION_DAYS,
            Setting::MaxCredentialsPerApp => settings::MAX_CREDENTIALS_PER_APP,
            Setting::MaxCredentialsPerOrg => settings::MAX_CREDENTIALS_PER_ORG,
            Setting::MaxCredentials => settings::MAX_CREDENTIALS,
            Setting::MaxImportBytes => settings::MAX_IMPORT_BYTES,
            Setting::Wait => settings::WAIT,
            Setting::SinkTimeout => settings::SINK_TIMEOUT,
            Setting::GuardAccessLog => settings::GUARD_ACCESS_LOG,
            Setting::GuardMaxFailures => settings::GUARD_MAX_FAILURES,
            Setting::GuardWindow => settings::GUARD_WINDOW,
            Setting::GuardBan => settings::GUARD_BAN,
            Setting::GuardMaxBan => settings::GUARD_MAX_BAN,
            Setting::GuardMaxBans => settings::GUARD_MAX_BANS,
            Setting::GuardIpv6Prefix => settings::GUARD_IPV6_PREFIX,
        }
    }

    /// What an unset setting means.
    fn default_value(self) -> Option<String> {
        match self {
            Setting::MaxBcryptCost => Some(cost::DEFAULT_MAX_COST.to_string()),
            Setting::MinPasswordScore => Some(strength::DEFAULT_MIN_SCORE.to_string()),
            Setting::NameReservationDays => Some(names::DEFAULT_RESERVATION_DAYS.to_string()),
            Setting::MaxCredentialsPerApp => Some(accepted::DEFAULT_PER_APP.to_string()),
            Setting::MaxCredentialsPerOrg => Some(accepted::DEFAULT_PER_ORG.to_string()),
            Setting::MaxCredentials => Some(accepted::DEFAULT_TOTAL.to_string()),
            Setting::MaxImportBytes => Some(accepted::DEFAULT_IMPORT_BYTES.to_string()),
            Setting::Wait => Some("0s".to_string()),
            Setting::SinkTimeout => {
                Some(humantime::format_duration(DEFAULT_SINK_TIMEOUT).to_string())
            }
            Setting::GuardMaxFailures => Some(guard::DEFAULT_MAX_FAILURES.to_string()),
            Setting::GuardWindow => {
                Some(humantime::format_duration(guard::DEFAULT_WINDOW).to_string())
            }
            Setting::GuardBan => Some(humantime::format_duration(guard::DEFAULT_BAN).to_string()),
            Setting::GuardMaxBan => {
                Some(humantime::format_duration(guard::DEFAULT_MAX_BAN).to_string())
            }
            Setting::GuardMaxBans => Some(guard::DEFAULT_MAX_BANS.to_string()),
            Setting::GuardIpv6Prefix => Some(guard::DEFAULT_IPV6_PREFIX.to_string()),
            _ => None,
        }
    }

    pub fn parse(name: &str) -> Result<Setting> {
        Setting::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Setting::ALL.iter().map(|s| s.name()).collect();
                Error::bad_request(format!(
                    "unknown setting '{}': use {}",
                    validate::printable(name),
                    names.join(", ")
                ))
            })
    }

    /// Checks a new value and returns it as stored.
    fn normalise(self, value: &str) -> Result<String> {
        match self {
            Setting::MinPasswordScore => match value.parse::<u8>() {
                Ok(score) if score <= 4 => Ok(score.to_string()),
                _ => Err(Error::bad_request(format!(
                    "min-password-score must be a zxcvbn score from 0 to 4, got '{}'",
                    validate::printable(value)
                ))),
            },
            Setting::BcryptCost | Setting::MaxBcryptCost => {
                let cost = value.parse().map_err(|_| {
                    Error::bad_request(format!("{} must be a number, got '{value}'", self.name()))
                })?;
                cost::check_cost(cost)?;
                Ok(cost.to_string())
            }
            Setting::FileMode => {
                let mode = u32::from_str_radix(value.trim_start_matches("0o"), 8)
                    .ok()
                    .filter(|m| *m <= 0o777)
                    .ok_or_else(|| {
                        Error::bad_request(format!(
                            "file-mode must be an octal mode such as 0640, got '{value}'"
                        ))
                    })?;
                if mode & 0o600 != 0o600 || mode & 0o022 != 0 || mode & 0o111 != 0 {
                    return Err(Error::bad_request(format!(
                        "file-mode {mode:04o} is refused: the owner must read and write, nobody else may write, and nothing is executable (e.g. 0600, 0640, 0644)"
                    )));
                }
                Ok(format!("{mode:04o}"))
            }
            Setting::NameReservationDays => match value.parse::<u32>() {
                Ok(days) if days <= names::MAX_RESERVATION_DAYS => Ok(days.to_string()),
                _ => Err(Error::bad_request(format!(
                    "name-reservation-days must be a number of days from 0 to {}, got '{}'",
                    names::MAX_RESERVATION_DAYS,
                    validate::printable(value)
                ))),
            },
            Setting::MaxCredentialsPerApp
            | Setting::MaxCredentialsPerOrg
            | Setting::MaxCredentials => {
                let most = match self {
                    Setting::MaxCredentialsPerApp => accepted::MAX_PER_APP,
                    _ => 10_000_000,
                };
                match value.parse::<u64>() {
                    Ok(n) if (1..=most).contains(&n) => Ok(n.to_string()),
                    _ => Err(Error::bad_request(format!(
                        "{} must be a number of credentials from 1 to {most}{}, got '{}'",
                        self.name(),
                        if self == Setting::MaxCredentialsPerApp {
                            " (an application's file must stay small enough for Traefik and `check` to read)"
                        } else {
                            ""
                        },
                        validate::printable(value)
                    ))),
                }
            }
            Setting::Wait => match humantime::parse_duration(value) {
                Ok(d) if d <= std::time::Duration::from_secs(600) => {
                    Ok(humantime::format_duration(d).to_string())
                }
                _ => Err(Error::bad_request(format!(
                    "wait must be a duration such as 10s (0s: do not wait), at most 10m, got '{}'",
                    validate::printable(value)
                ))),
            },
            Setting::SinkTimeout => match humantime::parse_duration(value) {
                Ok(d) if (MIN_SINK_TIMEOUT..=MAX_SINK_TIMEOUT).contains(&d) => {
                    Ok(humantime::format_duration(d).to_string())
                }
                _ => Err(Error::bad_request(format!(
                    "sink-timeout must be a duration from 100ms to 1m, such as 2s, got '{}'",
                    validate::printable(value)
                ))),
            },
            Setting::MaxImportBytes => match value.parse::<u64>() {
                Ok(n) if (1024..=accepted::MAX_IMPORT_BYTES).contains(&n) => Ok(n.to_string()),
                _ => Err(Error::bad_request(format!(
                    "max-import-bytes must be a number of bytes from 1024 to {}, got '{}'",
                    accepted::MAX_IMPORT_BYTES,
                    validate::printable(value)
                ))),
            },
            Setting::GuardAccessLog => {
                let paths: Vec<&str> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                if paths.is_empty() || paths.iter().any(|p| !p.starts_with('/')) {
                    return Err(Error::bad_request(format!(
                        "guard-access-log must be absolute paths of Traefik's access logs, separated by commas, got '{}'",
                        validate::printable(value)
                    )));
                }
                Ok(paths.join(","))
            }
            Setting::GuardMaxFailures | Setting::GuardMaxBans | Setting::GuardIpv6Prefix => {
                let (low, high, what) = match self {
                    Setting::GuardMaxFailures => (1, 1_000, "a number of failed logins"),
                    Setting::GuardMaxBans => (1, 10_000, "a number of bans per application"),
                    _ => (48, 128, "an IPv6 prefix length"),
                };
                match value.parse::<u32>() {
                    Ok(n) if (low..=high).contains(&n) => Ok(n.to_string()),
                    _ => Err(Error::bad_request(format!(
                        "{} must be {what} from {low} to {high}, got '{}'",
                        self.name(),
                        validate::printable(value)
                    ))),
                }
            }
            Setting::GuardWindow | Setting::GuardBan | Setting::GuardMaxBan => {
                match humantime::parse_duration(value) {
                    Ok(d)
                        if (std::time::Duration::from_secs(1)
                            ..=std::time::Duration::from_secs(30 * 86_400))
                            .contains(&d) =>
                    {
                        Ok(humantime::format_duration(d).to_string())
                    }
                    _ => Err(Error::bad_request(format!(
                        "{} must be a duration from 1s to 30d, such as 10m, got '{}'",
                        self.name(),
                        validate::printable(value)
                    ))),
                }
            }
            Setting::TraefikDir => {
                let path = validate::traefik_dir(std::path::Path::new(value))?;
                if !path.is_dir() {
                    return Err(Error::bad_request(format!(
                        "traefik-dir {} is not an existing directory",
                        path.display()
                    )));
                }
                Ok(path.to_string_lossy().into_owned())
            }
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingView {
    pub name: &'static str,
    pub value: Option<String>,
}

/// The settings, for installation owners only: they show the directory that
/// every organization's routing goes through.
pub fn list_settings(session: &Session) -> Result<Vec<SettingView>> {
    session.read(Event::new("settings.list"), |conn, actor| {
        actor.require_installation_owner(conn, "list settings")?;
        Setting::ALL
            .into_iter()
            .map(|s| {
                Ok(SettingView {
                    name: s.name(),
                    value: settings::get(conn, s.key())?.or_else(|| s.default_value()),
                })
            })
            .collect()
    })
}

/// Changes a setting; owners only, audited. New values apply to the next
/// write (`authgate sync` rewrites every file).
pub fn set_setting(session: &mut Session, setting: Setting, value: &str) -> Result<SettingView> {
    let value = setting.normalise(value)?;
    session.write(
        Event::new("settings.set").target("setting", setting.name()),
        |m| {
            m.actor
                .require_installation_owner(m.conn(), "change settings")?;
            let old = settings::get(m.conn(), setting.key())?;
            let cost: u32 = value.parse().unwrap_or_default();
            match setting {
                Setting::BcryptCost => cost::check_cost_limit(
                    cost,
                    cost::cost_cap(m.conn())?,
                )?,
                Setting::MaxBcryptCost => {
                    let current = cost::installation_cost(m.conn(), None);
                    if let Ok(current) = current
                        && current > cost
                    {
                        return Err(Error::bad_request(format!(
                            "max-bcrypt-cost {cost} is below the bcrypt-cost in use ({current}): lower bcrypt-cost first"
                        )));
                    }
                }
                _ => {}
            }
            settings::set(m.conn(), setting.key(), &value)?;
            m.audit(
                &Event::new("settings.set")
                    .target("setting", setting.name())
                    .detail(format!(
                        "from {} to {value}",
                        old.as_deref().unwrap_or("(unset)")
                    )),
            )?;
            Ok(SettingView {
                name: setting.name(),
                value: Some(value),
            })
        },
    )
}

/// A sink to add: what `sink add` was given.
#[derive(Debug, Clone)]
pub struct NewSink {
    pub kind: String,
    pub url: String,
    pub root_key: String,
    /// Defaults to the kind, host and port.
    pub name: Option<String>,
    pub password_file: Option<String>,
    pub password_env: Option<String>,
}

/// Adds a sink (installation owners only, audited), after checking that it
/// answers, and publishes every application to it in the same step.
/// Returns the stored row and how many applications were published.
pub fn add_sink(session: &mut Session, new: NewSink) -> Result<(SinkRow, usize)> {
    let row = SinkRow {
        name: new
            .name
            .unwrap_or_else(|| sinks::configured::default_name(&new.kind, &new.url)),
        kind: new.kind,
        url: new.url,
        root_key: new.root_key,
        password_file: new.password_file,
        password_env: new.password_env,
        created_at: crate::store::now(),
    };
    sinks::configured::check_config(&row)?;
    validate::identifier("sink name", &row.name)?;
    // Read now, so that a password file or variable that cannot be read is
    // said as such, not as a sink that does not answer.
    sinks::kv::strict_password(&row, sinks::configured::provider(&row.kind)?.title)?;
    let sink = sinks::configured::open(&row, sink_timeout(session.conn())?)?;
    session.write(Event::new("sink.add").target("sink", &row.name), |m| {
        m.actor.require_installation_owner(m.conn(), "add sinks")?;
        let existing = crate::store::sinks::all(m.conn())?;
        if existing.iter().any(|s| s.name == row.name) {
            return Err(Error::conflict(format!(
                "a sink named '{}' already exists",
                row.name
            )));
        }
        if existing
            .iter()
            .any(|s| s.url == row.url && s.root_key == row.root_key)
        {
            return Err(Error::conflict(format!(
                "{} with root key '{}' is already a sink",
                row.url, row.root_key
            )));
        }
        sink.ping()?;
        crate::store::sinks::insert(m.conn(), &row)?;
        let published = publish::compare(
            m.conn(),
            std::slice::from_ref(&sink),
            true,
            &crate::domain::progress::Silent,
        )?
        .len();
        m.audit(
            &Event::new("sink.add")
                .target("sink", &row.name)
                .detail(format!(
                    "{} {} root key '{}', {published} application(s) published",
                    row.kind, row.url, row.root_key,
                )),
        )?;
        Ok((row.clone(), published))
    })
}

/// The configured sinks, for installation owners only: their URLs and
/// password locations are every organization's routing.
pub fn list_sinks(session: &Session) -> Result<Vec<SinkRow>> {
    session.read(Event::new("sink.list"), |conn, actor| {
        actor.require_installation_owner(conn, "list sinks")?;
        crate::store::sinks::all(conn)
    })
}

/// Removes a sink (installation owners only, audited). With `purge`, first
/// deletes the keys it owns there; otherwise Traefik keeps what it last
/// read. Returns how many applications were purged.
pub fn remove_sink(session: &mut Session, name: &str, purge: bool) -> Result<usize> {
    session.write(Event::new("sink.remove").target("sink", name), |m| {
        m.actor
            .require_installation_owner(m.conn(), "remove sinks")?;
        let row = crate::store::sinks::all(m.conn())?
            .into_iter()
            .find(|s| s.name == name)
            .ok_or_else(|| {
                Error::not_found(format!("no sink named '{}'", validate::printable(name)))
            })?;
        let mut purged = 0;
        if purge {
            let sink = sinks::configured::open(&row, sink_timeout(m.conn())?)?;
            // Compared with an empty registry, every key set it owns is an
            // orphan: repairing removes them all.
            purged = sink.compare()?.finish(true)?.len();
        }
        crate::store::sinks::delete(m.conn(), name)?;
        // What it missed while it was down is no longer owed to anyone.
        crate::store::pending::remove_sink(m.conn(), name)?;
        m.audit(
            &Event::new("sink.remove")
                .target("sink", name)
                .detail(format!("{purged} application key set(s) purged")),
        )?;
        Ok(purged)
    })
}
