//! The sinks configured in the registry (`sink add`): their kinds, checking
//! a configuration, and opening one. A new key-value provider is one match
//! arm here beside its backend.

use super::{Sink, kv, redis};
use crate::error::{Error, Result};
use crate::store::sinks::SinkRow;

/// The kinds of sink that `sink add` takes, beside the directory.
pub const KINDS: [&str; 1] = ["redis"];

/// Checks a sink's configuration before it is stored.
pub fn check_config(row: &SinkRow) -> Result<()> {
    match row.kind.as_str() {
        "redis" => redis::check_config(&row.url, &row.root_key),
        other => Err(unknown_kind(other)),
    }
}

/// A configured key-value sink, ready to use; it connects on first use.
pub fn open(row: &SinkRow) -> Result<Box<dyn Sink>> {
    match row.kind.as_str() {
        "redis" => Ok(Box::new(kv::KvSink::new(
            &row.name,
            &row.root_key,
            redis::RedisBackend::new(row),
        ))),
        other => Err(unknown_kind(other)),
    }
}

/// A default name for a sink: its kind, host and port.
pub fn default_name(kind: &str, url: &str) -> String {
    let place = url::Url::parse(url)
        .ok()
        .map(|u| {
            format!(
                "{}-{}",
                u.host_str().unwrap_or(kind).replace(['[', ']', ':'], "-"),
                u.port().unwrap_or(6379)
            )
        })
        .unwrap_or_default();
    format!("{kind}-{place}")
}

fn unknown_kind(kind: &str) -> Error {
    Error::bad_request(format!(
        "unknown sink kind '{}': use {}",
        kind.escape_debug(),
        KINDS.join(", ")
    ))
}
