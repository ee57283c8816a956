//! The sinks configured in the registry (`sink add`): the key-value
//! providers there are, checking a configuration, and opening one. Every
//! fact about a provider is its backend file's [`KvProvider`]; a new
//! provider is that file and one entry in [`PROVIDERS`] (ARCHITECTURE.md,
//! "Sinks").

use super::kv::KvProvider;
use super::{Sink, redis};
use crate::error::{Error, Remedy, Result};
use crate::store::sinks::SinkRow;

/// Every key-value provider `sink add` takes, beside the directory.
pub const PROVIDERS: &[&KvProvider] = &[&redis::PROVIDER, &super::etcd::PROVIDER];

/// The kinds of sink that `sink add` takes, in [`PROVIDERS`]' order.
pub fn kinds() -> impl Iterator<Item = &'static str> {
    PROVIDERS.iter().map(|p| p.kind)
}

/// The provider of a kind, or a refusal naming the kinds there are.
pub(crate) fn provider(kind: &str) -> Result<&'static KvProvider> {
    PROVIDERS
        .iter()
        .copied()
        .find(|p| p.kind == kind)
        .ok_or_else(|| {
            Error::bad_request(format!(
                "unknown sink kind '{}': use {}",
                kind.escape_debug(),
                kinds().collect::<Vec<_>>().join(", ")
            ))
        })
}

/// Checks a sink's configuration before it is stored: its kind, its URL
/// (a scheme of the provider's, no credentials, then the provider's own
/// checks) and its root key.
pub(crate) fn check_config(row: &SinkRow) -> Result<()> {
    let provider = provider(&row.kind)?;
    let title = provider.title;
    let url = &row.url;
    let parsed = url::Url::parse(url)
        .map_err(|e| Error::bad_request(format!("invalid {title} URL '{url}': {e}")))?;
    if !provider.schemes.contains(&parsed.scheme()) {
        return Err(Error::bad_request(format!(
            "invalid {title} URL '{url}': use {}",
            provider.url_help
        )));
    }
    if parsed.password().is_some() || !parsed.username().is_empty() {
        return Err(Error::bad_request(format!(
            "the {title} URL must not carry credentials (the command line is visible to other users)"
        ))
        .remedy(Remedy::SinkPasswordSource));
    }
    (provider.check)(row, &parsed)?;
    check_root_key(&row.root_key)?;
    check_password_env(row)
}

/// A root key: segments of letters, digits, `-`, `_` and `.` separated by
/// `/`, outside `authgate/`, where backends keep their own records.
fn check_root_key(root_key: &str) -> Result<()> {
    let ok = !root_key.is_empty()
        && root_key.split('/').all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
        && root_key != "authgate"
        && !root_key.starts_with("authgate/");
    if !ok {
        return Err(Error::bad_request(format!(
            "invalid root key '{}': use letters, digits, '-', '_', '.' separated by '/', not under 'authgate'",
            root_key.escape_debug()
        )));
    }
    Ok(())
}

/// The password variable is read in every process that publishes, whoever
/// runs it: it must not be one of authgate's that holds something else,
/// such as an API key. `AUTHGATE_<KIND>_...` is the sink's to use.
fn check_password_env(row: &SinkRow) -> Result<()> {
    let own = format!("AUTHGATE_{}_", row.kind.to_ascii_uppercase());
    if let Some(var) = &row.password_env
        && var.starts_with("AUTHGATE_")
        && !var.starts_with(&own)
    {
        return Err(Error::bad_request(format!(
            "the password variable {var} is one of authgate's: use a variable of its own (for example {own}PASSWORD)"
        )));
    }
    Ok(())
}

/// A configured key-value sink, ready to use; it connects on first use,
/// and waits at most `timeout` for a connection or an answer.
pub(crate) fn open(row: &SinkRow, timeout: std::time::Duration) -> Result<Box<dyn Sink>> {
    Ok((provider(&row.kind)?.open)(row, timeout))
}

/// A default name for a sink: its kind, host and port (the provider's
/// default port when the URL gives none).
pub(crate) fn default_name(kind: &str, url: &str) -> String {
    let default_port = provider(kind).map_or(0, |p| p.default_port);
    let place = url::Url::parse(url)
        .ok()
        .map(|u| {
            format!(
                "{}-{}",
                u.host_str().unwrap_or(kind).replace(['[', ']', ':'], "-"),
                u.port().unwrap_or(default_port)
            )
        })
        .unwrap_or_default();
    format!("{kind}-{place}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_has_its_own_kind_and_a_usable_description() {
        let mut kinds: Vec<&str> = kinds().collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), PROVIDERS.len(), "a kind listed twice");
        for p in PROVIDERS {
            assert!(
                p.kind.bytes().all(|b| b.is_ascii_lowercase()),
                "{}: Traefik's provider names are lowercase",
                p.kind
            );
            assert!(!p.schemes.is_empty() && p.default_port > 0, "{}", p.kind);
            assert!(
                p.example
                    .starts_with(&format!("authgate sink add {} ", p.kind)),
                "{}",
                p.example
            );
            assert!(
                p.schemes
                    .iter()
                    .any(|s| p.url_help.contains(&format!("{s}://"))),
                "{}",
                p.url_help
            );
        }
    }

    #[test]
    fn an_unknown_kind_is_refused_naming_the_kinds() {
        let e = provider("zookeeper").err().expect("refused");
        assert_eq!(e.exit_code(), 2);
        for kind in kinds() {
            assert!(e.to_string().contains(kind), "{e}");
        }
    }
}
