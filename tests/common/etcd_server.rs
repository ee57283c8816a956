//! A real etcd (Debian's `etcd-server`) on free loopback client and peer
//! ports, with its data in a temporary directory, for the etcd sink's tests
//! and the real-Traefik tests; killed when dropped. The tests read and
//! write its keys through etcd's JSON gateway, as another tool would.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_fs::TempDir;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};

use super::required_tool;
use super::traefik::free_ports;

pub struct EtcdServer {
    child: Child,
    pub port: u16,
    dir: TempDir,
    agent: ureq::Agent,
}

impl EtcdServer {
    /// A member with etcd's default limits (`--max-txn-ops 128`).
    pub fn start() -> EtcdServer {
        EtcdServer::launch(None)
    }

    /// A member that takes at most `max_txn_ops` operations in one
    /// transaction.
    pub fn with_max_txn_ops(max_txn_ops: u32) -> EtcdServer {
        EtcdServer::launch(Some(max_txn_ops))
    }

    fn launch(max_txn_ops: Option<u32>) -> EtcdServer {
        let etcd = required_tool("etcd", "etcd-server etcd-client");
        let mut last = String::new();
        // A free port can be taken by someone else before etcd binds it:
        // try again with others.
        for _ in 0..3 {
            let dir = TempDir::new().expect("temp dir");
            let [client, peer] = free_ports(2)[..] else {
                unreachable!()
            };
            let client_url = format!("http://127.0.0.1:{client}");
            let peer_url = format!("http://127.0.0.1:{peer}");
            let mut cmd = Command::new(&etcd);
            cmd.args(["--name", "authgate-test"])
                .arg(format!("--data-dir={}", dir.path().join("data").display()))
                .arg(format!("--listen-client-urls={client_url}"))
                .arg(format!("--advertise-client-urls={client_url}"))
                .arg(format!("--listen-peer-urls={peer_url}"))
                .arg(format!("--initial-advertise-peer-urls={peer_url}"))
                .arg(format!("--initial-cluster=authgate-test={peer_url}"))
                .arg("--log-level=warn");
            if let Some(n) = max_txn_ops {
                cmd.arg(format!("--max-txn-ops={n}"));
            }
            let child = cmd
                .env_remove("ETCDCTL_API")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(dir.path().join("etcd.log")).unwrap())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", etcd.display()));
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_connect(Some(Duration::from_secs(2)))
                .timeout_per_call(Some(Duration::from_secs(10)))
                .http_status_as_error(false)
                .proxy(None)
                .build()
                .into();
            let mut server = EtcdServer {
                child,
                port: client,
                dir,
                agent,
            };
            let started = Instant::now();
            loop {
                if server
                    .try_post("/v3/maintenance/status", &json!({}))
                    .is_some()
                {
                    return server;
                }
                if let Ok(Some(status)) = server.child.try_wait() {
                    last = format!("etcd exited with {status}:\n{}", server.log());
                    break;
                }
                assert!(
                    started.elapsed() < Duration::from_secs(30),
                    "etcd did not answer within 30 s:\n{}",
                    server.log()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        panic!("{last}")
    }

    /// etcd's own log, for failures.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("etcd.log")).unwrap_or_default()
    }

    /// The URL authgate's sink takes.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The endpoint Traefik's etcd provider takes.
    pub fn endpoint(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn try_post(&self, path: &str, body: &Value) -> Option<Value> {
        let mut response = self
            .agent
            .post(format!("{}{path}", self.url()))
            .send(body.to_string())
            .ok()?;
        if response.status() != 200 {
            return None;
        }
        serde_json::from_str(&response.body_mut().read_to_string().ok()?).ok()
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.try_post(path, &body)
            .unwrap_or_else(|| panic!("etcd {path} {body} failed:\n{}", self.log()))
    }

    /// Every key that starts with `prefix`, with its value.
    pub fn prefix(&self, prefix: &str) -> BTreeMap<String, String> {
        let mut end = prefix.as_bytes().to_vec();
        *end.last_mut().expect("a prefix") += 1;
        self.range(prefix.as_bytes(), &end)
    }

    /// Every key, authgate's records of ownership included.
    pub fn all(&self) -> BTreeMap<String, String> {
        self.range(&[0], &[0])
    }

    fn range(&self, key: &[u8], end: &[u8]) -> BTreeMap<String, String> {
        let answer = self.post(
            "/v3/kv/range",
            json!({"key": B64.encode(key), "range_end": B64.encode(end)}),
        );
        let text =
            |v: &Value| String::from_utf8(B64.decode(v.as_str().unwrap_or("")).unwrap()).unwrap();
        answer["kvs"]
            .as_array()
            .map(|kvs| {
                kvs.iter()
                    .map(|kv| (text(&kv["key"]), text(&kv["value"])))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn put(&self, key: &str, value: &str) {
        self.post(
            "/v3/kv/put",
            json!({"key": B64.encode(key), "value": B64.encode(value)}),
        );
    }

    pub fn delete(&self, key: &str) {
        self.post("/v3/kv/deleterange", json!({"key": B64.encode(key)}));
    }
}

impl Drop for EtcdServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
