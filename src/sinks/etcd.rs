//! The etcd backend of the key-value sink: Traefik's etcd provider
//! (`providers.etcd`) reads the same keys under a root key as its Redis
//! provider, and watches them, so every Traefik node sees a change at once.
//!
//! authgate speaks etcd's v3 API through its JSON gateway (`POST /v3/...`,
//! keys and values in base64) over a small blocking HTTP client, with a
//! timeout on every step and a bound on every answer. The URL is etcd's
//! client URL, as `etcdctl --endpoints` takes it: `http://HOST:PORT`, or
//! `https://` for TLS (verified against the public web's roots).
//!
//! Each application's keys are replaced in one transaction (`/v3/kv/txn`),
//! so a node never sees a half-written set, and nothing is written when etcd
//! refuses it: a transaction holds at most `--max-txn-ops` operations (128
//! by default) and `--max-request-bytes` (1.5 MiB), and an application with
//! many users may need more; the refusal says which limit and how to raise
//! it. Ownership is recorded in etcd, one key per application outside
//! Traefik's root (`authgate/owned/<root>/<app_name>`, a JSON list of the
//! keys), written in the same transaction, which also checks that the
//! record did not change since it was read: only keys listed there are ever
//! deleted, so keys written by other tools under the same root survive.
//!
//! etcd's authentication (users and roles) is not supported: a password
//! source is refused when the sink is added.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};

use super::kv::{KvBackend, KvProvider, KvSink};
use crate::error::{Error, Result};
use crate::store::sinks::SinkRow;

/// etcd, as `sink add etcd` takes it.
pub(crate) const PROVIDER: KvProvider = KvProvider {
    kind: "etcd",
    title: "etcd",
    schemes: &["http", "https"],
    default_port: 2379,
    url_help: "http://HOST:PORT, etcd's client URL (v3 API), or https:// for TLS",
    example: "authgate sink add etcd http://10.0.0.3:2379 --root-key traefik",
    check,
    open: |row, timeout| {
        Box::new(KvSink::new(
            &row.name,
            &row.root_key,
            EtcdBackend::new(row, timeout),
        ))
    },
};

/// A whole exchange, however slowly it trickles.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest answer read; a larger one fails, saying so.
const MAX_RESPONSE: u64 = 64 * 1024 * 1024;
/// Keys listed per request.
const PAGE: usize = 1000;
/// Keys read per read-only transaction (fewer than etcd's default
/// `--max-txn-ops`; a server set lower is read one key at a time).
const READ_CHUNK: usize = 64;

fn check(row: &SinkRow, url: &url::Url) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::bad_request(format!(
            "invalid etcd URL '{}': {why}",
            row.url
        )))
    };
    if url.host_str().is_none_or(str::is_empty) {
        return bad("it names no host");
    }
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return bad("use http://HOST:PORT, without a path (authgate adds etcd's /v3/ API)");
    }
    if row.password_file.is_some() || row.password_env.is_some() {
        return Err(Error::bad_request(format!(
            "etcd sink '{}': authgate does not support etcd's authentication (users and roles): give no password, and keep etcd's client port reachable only by authgate and Traefik",
            row.name
        )));
    }
    Ok(())
}

/// An etcd server (or cluster member), reached on first use.
pub(crate) struct EtcdBackend {
    name: String,
    /// The URL, for messages.
    endpoint: String,
    /// `scheme://host:port`, to which the API's paths are added.
    base: String,
    root: String,
    agent: ureq::Agent,
}

impl EtcdBackend {
    /// A sink as configured (nothing is sent until first use), waiting at most `timeout` for each step of a
    /// request (resolving, connecting, each read and write).
    pub(crate) fn new(config: &SinkRow, timeout: Duration) -> EtcdBackend {
        let agent = ureq::Agent::config_builder()
            .timeout_resolve(Some(timeout))
            .timeout_connect(Some(timeout))
            .timeout_per_read(Some(timeout))
            .timeout_per_write(Some(timeout))
            .timeout_per_call(Some(CALL_TIMEOUT))
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .build()
            .into();
        EtcdBackend {
            name: config.name.clone(),
            endpoint: config.url.clone(),
            base: config.url.trim_end_matches('/').to_string(),
            root: config.root_key.clone(),
            agent,
        }
    }

    /// A refusal as an error: one that never reached etcd means the sink is
    /// down; an answer of etcd's (a transaction too large, say) does not.
    fn refused(&self, what: &str, refusal: Refusal) -> Error {
        match refusal {
            Refusal::Transport(why) => Error::unavailable(format!(
                "etcd sink '{}' at {}: cannot {what}: {why}",
                self.name, self.endpoint
            )),
            etcd => self.fail(what, etcd),
        }
    }

    fn fail(&self, what: &str, why: impl std::fmt::Display) -> Error {
        Error::internal(format!(
            "etcd sink '{}' at {}: cannot {what}: {why}",
            self.name, self.endpoint
        ))
    }

    /// One call of the JSON gateway: its answer, or etcd's error message.
    fn call(&self, path: &str, body: &Value) -> std::result::Result<Value, Refusal> {
        let mut response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .map_err(|e| Refusal::Transport(e.to_string()))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Refusal::Transport(format!(
                    "its answer is larger than {} MiB",
                    MAX_RESPONSE >> 20
                )),
                e => Refusal::Transport(e.to_string()),
            })?;
        let value: Value = serde_json::from_str(&text).map_err(|_| {
            Refusal::Transport(format!(
                "HTTP {status} with an answer that is not etcd's JSON (is this etcd's client URL?)"
            ))
        })?;
        if status != 200 {
            let message = value["message"]
                .as_str()
                .or(value["error"].as_str())
                .unwrap_or("no message")
                .to_string();
            return Err(Refusal::Etcd { status, message });
        }
        Ok(value)
    }

    /// [`EtcdBackend::call`], any refusal an error saying what failed.
    fn request(&self, what: &str, path: &str, body: &Value) -> Result<Value> {
        self.call(path, body).map_err(|r| self.refused(what, r))
    }

    fn marker(&self, app_name: &str) -> String {
        format!("authgate/owned/{}/{app_name}", self.root)
    }

    /// The value of one key and its modification revision (`None`: absent).
    fn get(&self, what: &str, key: &str) -> Result<Option<(String, String)>> {
        let answer = self.request(what, "/v3/kv/range", &json!({ "key": b64(key) }))?;
        match answer["kvs"].as_array().and_then(|kvs| kvs.first()) {
            None => Ok(None),
            Some(kv) => Ok(Some((
                self.decode(what, &kv["value"])?,
                revision(&kv["mod_revision"]),
            ))),
        }
    }

    /// The keys an application's record lists, and the record's revision
    /// (`None`: there is no record).
    fn owned(&self, what: &str, app_name: &str) -> Result<(BTreeSet<String>, Option<String>)> {
        match self.get(what, &self.marker(app_name))? {
            None => Ok((BTreeSet::new(), None)),
            Some((text, rev)) => {
                let keys: BTreeSet<String> = serde_json::from_str(&text).map_err(|_| {
                    self.fail(
                        what,
                        format!(
                            "the record {} is not a JSON list of keys",
                            self.marker(app_name)
                        ),
                    )
                })?;
                Ok((keys, Some(rev)))
            }
        }
    }

    fn decode(&self, what: &str, field: &Value) -> Result<String> {
        let bytes = B64
            .decode(field.as_str().unwrap_or(""))
            .map_err(|e| self.fail(what, format!("a key or value is not base64: {e}")))?;
        String::from_utf8(bytes).map_err(|_| self.fail(what, "a key or value is not UTF-8"))
    }

    /// The values of `keys` in one read-only transaction.
    fn values_in_txn(&self, keys: &[String]) -> std::result::Result<Vec<Option<String>>, Refusal> {
        let success: Vec<Value> = keys
            .iter()
            .map(|k| json!({ "request_range": { "key": b64(k) } }))
            .collect();
        let answer = self.call("/v3/kv/txn", &json!({ "success": success }))?;
        let responses = answer["responses"].as_array().cloned().unwrap_or_default();
        if responses.len() != keys.len() {
            return Err(Refusal::Transport(format!(
                "{} answers to {} reads",
                responses.len(),
                keys.len()
            )));
        }
        responses
            .iter()
            .map(|r| {
                match r["response_range"]["kvs"]
                    .as_array()
                    .and_then(|v| v.first())
                {
                    None => Ok(None),
                    Some(kv) => self
                        .decode("read", &kv["value"])
                        .map(Some)
                        .map_err(|e| Refusal::Transport(e.to_string())),
                }
            })
            .collect()
    }
}

/// Why a call failed: etcd refused it (with its message), or it did not
/// get an answer from etcd at all.
enum Refusal {
    Etcd { status: u16, message: String },
    Transport(String),
}

impl Refusal {
    fn is_too_many_ops(&self) -> bool {
        matches!(self, Refusal::Etcd { message, .. } if message.contains("too many operations in txn request"))
    }

    fn is_too_large(&self) -> bool {
        matches!(self, Refusal::Etcd { message, .. }
            if message.contains("request is too large") || message.contains("larger than max"))
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Etcd { status, message } => write!(f, "etcd answered {status}: {message}"),
            Refusal::Transport(why) => f.write_str(why),
        }
    }
}

fn b64(s: &str) -> String {
    B64.encode(s)
}

/// The key just past every key that starts with `prefix`.
fn prefix_end(prefix: &str) -> Vec<u8> {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return end;
        }
    }
    // Every key: etcd's "\0" as the end of a range.
    vec![0]
}

/// A revision as the gateway writes it (int64 as a string), or "0".
fn revision(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => "0".to_string(),
    }
}

impl KvBackend for EtcdBackend {
    fn kind(&self) -> &'static str {
        PROVIDER.kind
    }

    fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn ping(&self) -> Result<()> {
        let answer = self.request("ping", "/v3/maintenance/status", &json!({}))?;
        if answer["version"].as_str().is_none() {
            return Err(self.fail(
                "ping",
                "the answer has no etcd version (is this etcd's client URL?)",
            ));
        }
        Ok(())
    }

    fn read_owned(&self, app_name: &str) -> Result<BTreeMap<String, Option<String>>> {
        let (owned, _) = self.owned("read", app_name)?;
        let keys: Vec<String> = owned.into_iter().collect();
        let values = self.values(&keys)?;
        Ok(keys.into_iter().zip(values).collect())
    }

    /// One transaction: it writes `keys` and the record of ownership, and
    /// deletes the owned keys `keys` lacks and the intruders, if the record
    /// is still the one read. etcd refuses it whole or applies it whole.
    fn replace(
        &self,
        app_name: &str,
        keys: &BTreeMap<String, String>,
        intruders: &[String],
    ) -> Result<()> {
        let what = format!("publish {app_name}");
        let marker = self.marker(app_name);
        let prefix = format!("{}/", self.root);
        let (owned, rev) = self.owned(&what, app_name)?;
        let stale: BTreeSet<&String> = owned
            .iter()
            .filter(|k| k.starts_with(&prefix))
            .chain(intruders.iter())
            .filter(|k| !keys.contains_key(*k))
            .collect();
        let mut ops: Vec<Value> = stale
            .iter()
            .map(|k| json!({ "request_delete_range": { "key": b64(k) } }))
            .collect();
        ops.extend(
            keys.iter()
                .map(|(k, v)| json!({ "request_put": { "key": b64(k), "value": b64(v) } })),
        );
        if keys.is_empty() {
            ops.push(json!({ "request_delete_range": { "key": b64(&marker) } }));
        } else {
            let list = serde_json::to_string(&keys.keys().collect::<Vec<_>>())
                .expect("a list of strings always serializes");
            ops.push(json!({ "request_put": { "key": b64(&marker), "value": b64(&list) } }));
        }
        let compare = match &rev {
            Some(rev) => {
                json!({ "key": b64(&marker), "target": "MOD", "result": "EQUAL", "mod_revision": rev })
            }
            None => {
                json!({ "key": b64(&marker), "target": "VERSION", "result": "EQUAL", "version": "0" })
            }
        };
        let count = ops.len();
        let body = json!({ "compare": [compare], "success": ops });
        let answer = match self.call("/v3/kv/txn", &body) {
            Ok(answer) => answer,
            Err(r) if r.is_too_many_ops() => {
                return Err(self.fail(
                    &what,
                    format!(
                        "its keys need {count} operations in one transaction and etcd refuses that many ({r}); nothing was written. etcd takes at most --max-txn-ops operations in a transaction (128 unless raised): start every etcd member with a larger --max-txn-ops (ETCD_MAX_TXN_OPS), for example 1024"
                    ),
                ));
            }
            Err(r) if r.is_too_large() => {
                return Err(self.fail(
                    &what,
                    format!(
                        "its keys make a transaction of {} bytes, larger than etcd takes ({r}); nothing was written. etcd takes at most --max-request-bytes in a request (1.5 MiB unless raised): start every etcd member with a larger --max-request-bytes (ETCD_MAX_REQUEST_BYTES)",
                        body.to_string().len()
                    ),
                ));
            }
            Err(r) => return Err(self.refused(&what, r)),
        };
        if answer["succeeded"].as_bool() != Some(true) {
            return Err(self.fail(
                &what,
                format!("its record {marker} changed while it was being written; nothing was written, try again"),
            ));
        }
        Ok(())
    }

    fn owned_apps(&self) -> Result<Vec<String>> {
        let prefix = self.marker("");
        let mut apps: Vec<String> = self
            .keys_with_prefix(&prefix)?
            .iter()
            .filter_map(|k| k.strip_prefix(&prefix))
            // A record of a deeper root (`<root>/x`) is not this root's.
            .filter(|app| !app.contains('/'))
            .map(str::to_string)
            .collect();
        apps.sort();
        Ok(apps)
    }

    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        let end = B64.encode(prefix_end(prefix));
        let mut from = b64(prefix);
        let mut at_revision: Option<String> = None;
        let mut out = Vec::new();
        loop {
            let mut body = json!({
                "key": from, "range_end": end, "keys_only": true, "limit": PAGE,
            });
            if let Some(rev) = &at_revision {
                // Every page as of the first one's revision.
                body["revision"] = json!(rev);
            }
            let answer = self.request("list keys", "/v3/kv/range", &body)?;
            at_revision.get_or_insert_with(|| revision(&answer["header"]["revision"]));
            let kvs = answer["kvs"].as_array().cloned().unwrap_or_default();
            for kv in &kvs {
                out.push(self.decode("list keys", &kv["key"])?);
            }
            match (answer["more"].as_bool(), out.last()) {
                (Some(true), Some(last)) if !kvs.is_empty() => {
                    // The next page starts just past the last key.
                    from = b64(&format!("{last}\0"));
                }
                _ => return Ok(out),
            }
        }
    }

    fn values(&self, keys: &[String]) -> Result<Vec<Option<String>>> {
        let mut out = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(READ_CHUNK) {
            match self.values_in_txn(chunk) {
                Ok(values) => out.extend(values),
                Err(r) if r.is_too_many_ops() => {
                    for key in chunk {
                        out.push(self.get("read", key)?.map(|(v, _)| v));
                    }
                }
                Err(r) => return Err(self.refused("read", r)),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(url: &str) -> SinkRow {
        SinkRow {
            name: "e".into(),
            kind: "etcd".into(),
            url: url.into(),
            root_key: "traefik".into(),
            password_file: None,
            password_env: None,
            created_at: "now".into(),
        }
    }

    #[test]
    fn urls_are_client_urls_without_a_path_and_no_password_is_taken() {
        let ok = |u: &str| check(&row(u), &url::Url::parse(u).unwrap());
        assert!(ok("http://10.0.0.3:2379").is_ok());
        assert!(ok("https://etcd.example:2379/").is_ok());
        assert!(ok("http://10.0.0.3:2379/v3").is_err());
        assert!(ok("http://10.0.0.3:2379/?x=1").is_err());
        let mut with_password = row("http://10.0.0.3:2379");
        with_password.password_env = Some("ETCD_PASSWORD".into());
        let e = check(
            &with_password,
            &url::Url::parse(&with_password.url).unwrap(),
        )
        .expect_err("refused");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("authentication"), "{e}");
    }

    #[test]
    fn a_prefix_ends_just_past_its_last_key() {
        assert_eq!(prefix_end("traefik/"), b"traefik0");
        assert_eq!(prefix_end("a\u{7f}"), b"a\x80");
    }
}
