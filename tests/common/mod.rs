//! A throw-away authgate installation for integration tests: its own HOME,
//! XDG directories, database and Traefik directory, driven through the real
//! binary.
#![allow(dead_code)]

pub mod etcd_server;
pub mod markdown;
pub mod redis_server;
pub mod traefik;

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use assert_fs::TempDir;
use serde_json::Value;

/// The time the tests of expiry set ([`Registry::set_now`]): later than
/// the real clock, so that rows written before keep their order.
pub const T0: &str = "2100-01-01T00:00:00Z";
/// Two hours after [`T0`]: what expired an hour after it has.
pub const T0_PLUS_2H: &str = "2100-01-01T02:00:00Z";

/// bcrypt cost used in tests: the minimum, to keep them fast.
pub const TEST_COST: &str = "4";

/// How long a command run through [`Registry::run`] may take before it is
/// killed: none may hang, and a prompt without a terminal would block forever.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Registry {
    pub dir: TempDir,
    /// The time commands run at (`AUTHGATE_NOW`), once set.
    now: std::sync::Mutex<Option<String>>,
}

impl Registry {
    /// An empty home: nothing initialized yet.
    pub fn empty() -> Self {
        Registry {
            dir: TempDir::new().expect("temp dir"),
            now: std::sync::Mutex::new(None),
        }
    }

    /// `authgate init --org acme --user alice`, with the password-strength
    /// policy off (`min-password-score 0`) so that tests choose passwords
    /// for what they test; the policy's own tests turn it back on.
    pub fn new() -> Self {
        let r = Registry::empty();
        r.cmd()
            .args([
                "init", "--org", "acme", "--user", "alice", "--cost", TEST_COST,
            ])
            .assert()
            .success();
        r.sql()
            .execute(
                "INSERT INTO settings (key, value) VALUES ('min_password_score', '0')",
                [],
            )
            .expect("policy off");
        r
    }

    /// A fresh registry with one org ("acme", owner "alice") and one
    /// application "shop" with managed routing.
    pub fn with_app() -> Self {
        let r = Registry::new();
        r.ok(&[
            "app",
            "add",
            "--app-name",
            "shop",
            "--domain",
            "shop.example.com",
            "--upstream",
            "http://10.0.0.5:3000",
        ]);
        r
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }
    pub fn db(&self) -> PathBuf {
        self.home().join(".local/share/authgate/authgate.db")
    }
    pub fn traefik_dir(&self) -> PathBuf {
        self.home().join(".local/share/authgate/traefik")
    }
    pub fn credentials_file(&self) -> PathBuf {
        self.home().join(".config/authgate/credentials")
    }
    pub fn file(&self, app_name: &str) -> PathBuf {
        self.traefik_dir().join(format!("{app_name}.yml"))
    }

    /// The owner's key, from the credentials file `init` wrote.
    pub fn owner_key(&self) -> String {
        std::fs::read_to_string(self.credentials_file())
            .expect("credentials file")
            .trim()
            .to_string()
    }

    /// The binary, with this registry's environment and nothing from the
    /// caller's, and stdin closed (no terminal, like cron).
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("authgate").expect("binary");
        cmd.env_clear().envs(self.environment()).write_stdin("");
        cmd
    }

    /// Every command from now on runs at `at` (RFC 3339 or unix seconds):
    /// `AUTHGATE_NOW`, which a debug build of authgate takes for the time,
    /// for the tests of expiry, which set the time instead of waiting.
    pub fn set_now(&self, at: &str) {
        *self.now.lock().unwrap() = Some(at.to_string());
    }

    /// The environment every command against this registry runs with: its
    /// own home and XDG directories, the caller's PATH, the time when
    /// [`Registry::set_now`] set one, nothing else.
    pub fn environment(&self) -> Vec<(&'static str, OsString)> {
        let mut environment = vec![
            ("HOME", self.home().into_os_string()),
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            (
                "XDG_DATA_HOME",
                self.home().join(".local/share").into_os_string(),
            ),
            (
                "XDG_CONFIG_HOME",
                self.home().join(".config").into_os_string(),
            ),
        ];
        if let Some(at) = self.now.lock().unwrap().as_ref() {
            environment.push(("AUTHGATE_NOW", at.into()));
        }
        environment
    }

    /// The binary as a process of its own, as the owner, with this
    /// registry's environment, stdin closed and its output discarded
    /// unless the caller says otherwise: for a command that runs while the
    /// test acts (killed, stopped, or two at once).
    pub fn background(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("authgate"));
        cmd.env_clear()
            .envs(self.environment())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    }

    /// The binary acting with an API key other than the owner's.
    pub fn cmd_as(&self, key: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.env("AUTHGATE_API_KEY", key);
        cmd
    }

    /// A command to run against this registry, as the owner unless
    /// [`Run::as_key`] says otherwise: see [`Run`].
    pub fn run<I, S>(&self, args: I) -> Run<'_>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Run {
            registry: self,
            args: args.into_iter().map(|a| a.as_ref().to_owned()).collect(),
            stdin: None,
            env: Vec::new(),
            timeout: TIMEOUT,
        }
    }

    /// Runs as the owner; asserts success; returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).ok().stdout().to_string()
    }

    /// Runs as the owner with `-o json`; asserts success; parses stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        self.run(args).json_output().ok().json()
    }

    /// Creates a user with a role in the active org; returns its API key.
    #[track_caller]
    pub fn add_user(&self, name: &str, role: &str) -> String {
        let v = self.json(&["user", "create", name, "--role", role]);
        v["apiKey"].as_str().expect("apiKey").to_string()
    }

    /// Asserts that `password` verifies for the credential (`authgate
    /// verify`, the password on stdin).
    #[track_caller]
    pub fn verifies(&self, app: &str, username: &str, password: &str) {
        self.run(["verify", "--app", app, "--username", username])
            .arg("--password-stdin")
            .stdin(password)
            .ok();
    }

    /// Creates a credential with a known password from stdin; returns its id.
    #[track_caller]
    pub fn add_credential(&self, app: &str, username: &str, password: &str) -> String {
        let v = self
            .run(["create", "--app", app, "--username", username])
            .args(["--password-stdin", "-o", "json"])
            .stdin(password)
            .ok()
            .json();
        v["securityId"].as_str().expect("securityId").to_string()
    }

    /// The application's Traefik file, parsed; `None` when there is none.
    pub fn yaml(&self, app_name: &str) -> Option<serde_norway::Value> {
        let text = std::fs::read_to_string(self.file(app_name)).ok()?;
        Some(serde_norway::from_str(&text).expect("valid YAML"))
    }

    /// The `basicAuth.users` entries of the application's middleware.
    pub fn users(&self, app_name: &str) -> Vec<String> {
        let y = self.yaml(app_name).expect("file exists");
        y["http"]["middlewares"][format!("{app_name}-auth").as_str()]["basicAuth"]["users"]
            .as_sequence()
            .map(|s| {
                s.iter()
                    .map(|v| v.as_str().expect("string entry").to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Opens the database directly, to assert on rows.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open db")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.sql()
            .query_row(sql, [], |r| r.get(0))
            .expect("count query")
    }

    /// `n` applications named `<prefix>0001`, `<prefix>0002`, ... with a
    /// domain and an upstream each, in the environment of the existing
    /// application `beside`, written straight into the database (as
    /// `bench/fixture.sh` does): hundreds of `app add` processes would take
    /// a while. Their Traefik files are not written; `sync` writes them.
    #[track_caller]
    pub fn bulk_apps(&self, beside: &str, prefix: &str, n: u32) {
        let sql = self.sql();
        sql.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
             INSERT INTO applications (application_id, environment_id, app_name, name, domains,
                 upstreams, created_at, updated_at)
             SELECT printf('%s-bulk-%04d', ?2, i),
                    (SELECT environment_id FROM applications WHERE app_name = ?1),
                    printf('%s%04d', ?2, i), printf('%s%04d', ?2, i),
                    json_array(printf('%s%04d.example.com', ?2, i)), '[\"http://10.0.0.1:8080\"]',
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             FROM n",
            rusqlite::params![beside, prefix, n],
        )
        .expect("bulk applications");
        sql.execute(
            "INSERT INTO app_domains (domain, application_id, shared)
             SELECT j.value, a.application_id, 0 FROM applications a, json_each(a.domains) j
             WHERE a.application_id LIKE ?1 || '-bulk-%'",
            [prefix],
        )
        .expect("bulk domains");
    }

    /// `authgate ARGS` on a pseudo-terminal (util-linux `script`), as the
    /// owner, with this registry's environment and stdin at its end: what
    /// the terminal showed (stdout and stderr together, `\r\n` line ends).
    #[track_caller]
    pub fn on_terminal(&self, args: &[&str]) -> Output {
        let script = required_tool("script", "bsdutils");
        let bin = assert_cmd::cargo::cargo_bin("authgate");
        let mut line = format!("exec {}", quote(&bin.to_string_lossy()));
        for arg in args {
            line.push(' ');
            line.push_str(&quote(arg));
        }
        std::process::Command::new(script)
            .env_clear()
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SHELL", "/bin/sh")
            .env("TERM", "xterm")
            .args(["-qec", &line, "/dev/null"])
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run script")
    }

    /// Completes `words` (the last one being typed) as bash would with the
    /// committed `completions/authgate.bash`, with this registry's
    /// environment, the binary first on PATH, and `env` (as the owner
    /// unless `env` says otherwise): what COMPREPLY holds.
    #[track_caller]
    pub fn bash_complete_with(&self, env: &[(&str, &str)], words: &[&str]) -> Vec<String> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/authgate.bash");
        let words_array = words
            .iter()
            .map(|w| quote(w))
            .map(|w| if w.is_empty() { "''".to_string() } else { w })
            .collect::<Vec<_>>()
            .join(" ");
        let program = format!(
            "source {}\nCOMP_WORDS=({words_array})\nCOMP_CWORD={}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\nCOMP_TYPE=9\n_clap_complete_authgate authgate \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            quote(&script.to_string_lossy()),
            words.len() - 1
        );
        let bin = assert_cmd::cargo::cargo_bin("authgate");
        let mut path = std::ffi::OsString::from(bin.parent().expect("the binary's directory"));
        path.push(":");
        path.push(std::env::var_os("PATH").unwrap_or_default());
        let mut cmd = std::process::Command::new("bash");
        cmd.args(["--norc", "--noprofile", "-c", &program])
            .env_clear()
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("PATH", path)
            .stdin(std::process::Stdio::null());
        for (name, value) in env {
            cmd.env(name, value);
        }
        let out = cmd.output().expect("run bash");
        assert!(out.status.success(), "bash: {}", stderr(&out));
        assert!(out.stderr.is_empty(), "bash: {}", stderr(&out));
        stdout(&out)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// [`Registry::bash_complete_with`] as the owner.
    #[track_caller]
    pub fn bash_complete(&self, words: &[&str]) -> Vec<String> {
        self.bash_complete_with(&[], words)
    }

    /// Every byte the registry holds on disk: database (with WAL), files.
    pub fn all_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        collect(self.dir.path(), &mut out);
        out
    }
}

/// Every file's bytes but SQLite's `-shm` (the WAL's shared-memory index,
/// which any connection may rewrite and which holds no data).
fn collect(dir: &Path, out: &mut Vec<u8>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.to_string_lossy().ends_with("-shm") {
            continue;
        }
        // Never through a symlink, and never a FIFO (reading one waits for
        // a writer) or a device: a test may plant them.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(&path, out);
        } else if kind.is_file()
            && let Ok(bytes) = std::fs::read(&path)
        {
            out.extend(bytes);
        }
    }
}

/// One command of an operator's session, not yet run: its arguments, what it
/// reads on stdin, the key it acts with. The first assertion runs it:
///
/// ```ignore
/// reg.run(["create", "--app", "shop", "--username", "bob", "--password-stdin"])
///     .stdin("bob's password 123")
///     .as_key(&bob)
///     .code(4)
///     .stderr_has("not authorized");
/// let id = reg.run(["list", "-q"]).ok().stdout().trim().to_string();
/// ```
///
/// [`Run::ok`] and [`Run::code`] run it and check the exit code,
/// [`Run::exec`] only runs it; each gives a [`Ran`] to assert on further or
/// read from. Every failing assertion panics with the command line (as a
/// shell would take it), the exit status, stdout and stderr, at the caller's
/// line.
#[must_use = "a Run does nothing until ok(), code() or exec()"]
pub struct Run<'r> {
    registry: &'r Registry,
    args: Vec<OsString>,
    stdin: Option<Vec<u8>>,
    env: Vec<(OsString, OsString)>,
    timeout: Duration,
}

impl Run<'_> {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Appends `-o json`.
    pub fn json_output(self) -> Self {
        self.args(["-o", "json"])
    }

    /// What the command reads on stdin (by default: nothing, then EOF).
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    /// Acts with this API key (`AUTHGATE_API_KEY`) instead of the owner's.
    // "as" the holder of the key, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    pub fn as_key(self, key: &str) -> Self {
        self.env("AUTHGATE_API_KEY", key)
    }

    pub fn env(mut self, name: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((name.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Kills the command after this long instead of [`TIMEOUT`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs the command to completion (or until it is killed at the timeout)
    /// without asserting anything.
    pub fn exec(self) -> Ran {
        let mut cmd = self.registry.cmd();
        cmd.args(&self.args).timeout(self.timeout);
        for (name, value) in &self.env {
            cmd.env(name, value);
        }
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        }
        let started = Instant::now();
        let output = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.command_line(true)));
        let timed_out = output.status.code().is_none() && started.elapsed() >= self.timeout;
        Ran {
            command: self.command_line(true),
            shown: self.command_line(false),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            output,
            timed_out: timed_out.then_some(self.timeout),
        }
    }

    /// Runs the command and asserts that it succeeded (exit 0).
    #[track_caller]
    pub fn ok(self) -> Ran {
        self.exec().ok()
    }

    /// Runs the command and asserts its exit code.
    #[track_caller]
    pub fn code(self, expected: i32) -> Ran {
        self.exec().code(expected)
    }

    /// The command as one would type it: stdin (or, without
    /// `with_stdin`, where it comes from: never a password in a snapshot),
    /// environment, arguments.
    fn command_line(&self, with_stdin: bool) -> String {
        let mut line = String::new();
        if let Some(input) = &self.stdin {
            if !with_stdin {
                line.push_str("[stdin] | ");
            } else if input.len() <= 200 {
                let text = String::from_utf8_lossy(input);
                line.push_str(&format!("printf %s {} | ", quote(&text)));
            } else {
                line.push_str(&format!("<{} bytes> | ", input.len()));
            }
        }
        for (name, value) in &self.env {
            line.push_str(&format!(
                "{}={} ",
                name.to_string_lossy(),
                quote(&value.to_string_lossy())
            ));
        }
        line.push_str("authgate");
        for arg in &self.args {
            line.push(' ');
            line.push_str(&quote(&arg.to_string_lossy()));
        }
        line
    }
}

/// An argument quoted for a POSIX shell, when it needs it.
fn quote(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// A finished command: its exit code, stdout and stderr, with assertions
/// that return it for chaining. `{ran}` formats the whole session step
/// (command line, exit status, stdout, stderr), for messages of one's own.
pub struct Ran {
    command: String,
    /// [`Ran::command`] without what stdin held.
    shown: String,
    output: Output,
    stdout: String,
    stderr: String,
    timed_out: Option<Duration>,
}

impl Ran {
    /// Panics with `what` and everything about the command.
    #[track_caller]
    pub fn fail(&self, what: impl fmt::Display) -> ! {
        panic!("{what}\n{self}")
    }

    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        if self.output.status.code() != Some(expected) {
            self.fail(format_args!("expected exit {expected}"));
        }
        self
    }

    /// Asserts exit 0.
    #[track_caller]
    pub fn ok(self) -> Self {
        self.code(0)
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Self {
        if !self.stdout.contains(needle) {
            self.fail(format_args!("stdout lacks {needle:?}"));
        }
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        if !self.stderr.contains(needle) {
            self.fail(format_args!("stderr lacks {needle:?}"));
        }
        self
    }

    #[track_caller]
    pub fn stdout_lacks(self, needle: &str) -> Self {
        if self.stdout.contains(needle) {
            self.fail(format_args!("stdout has {needle:?}"));
        }
        self
    }

    #[track_caller]
    pub fn stderr_lacks(self, needle: &str) -> Self {
        if self.stderr.contains(needle) {
            self.fail(format_args!("stderr has {needle:?}"));
        }
        self
    }

    /// Asserts that nothing was printed on stdout.
    #[track_caller]
    pub fn no_stdout(self) -> Self {
        if !self.output.stdout.is_empty() {
            self.fail("expected no stdout");
        }
        self
    }

    /// Asserts that nothing was printed on stderr.
    #[track_caller]
    pub fn no_stderr(self) -> Self {
        if !self.output.stderr.is_empty() {
            self.fail("expected no stderr");
        }
        self
    }

    /// The exit code; `None` when the command was killed.
    pub fn exit_code(&self) -> Option<i32> {
        self.output.status.code()
    }

    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    pub fn stderr(&self) -> &str {
        &self.stderr
    }

    pub fn output(&self) -> &Output {
        &self.output
    }

    /// stdout, parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| self.fail(format_args!("stdout is not JSON ({e})")))
    }

    /// stderr, parsed as JSON (the error object of `-o json`).
    #[track_caller]
    pub fn stderr_json(&self) -> Value {
        serde_json::from_str(self.stderr.trim())
            .unwrap_or_else(|e| self.fail(format_args!("stderr is not JSON ({e})")))
    }

    /// stdout, parsed as YAML, as a JSON value (to compare with [`Ran::json`]).
    #[track_caller]
    pub fn yaml(&self) -> Value {
        serde_norway::from_str(&self.stdout)
            .unwrap_or_else(|e| self.fail(format_args!("stdout is not YAML ({e})")))
    }
}

impl Ran {
    /// The command as an operator's terminal shows it: the command line
    /// (what stdin held shown as `[stdin]`, never a password in a snapshot),
    /// stdout, then stderr and the exit code when there are any (and a mark
    /// where output does not end in a newline). For snapshots of sessions.
    pub fn transcript(&self) -> String {
        fn push(text: &mut String, output: &str) {
            text.push_str(output);
            if !output.is_empty() && !output.ends_with('\n') {
                text.push_str("\n[no newline at end]\n");
            }
        }
        let mut text = format!("$ {}\n", self.shown);
        push(&mut text, &self.stdout);
        if !self.stderr.is_empty() {
            text.push_str("[stderr]\n");
            push(&mut text, &self.stderr);
        }
        match self.output.status.code() {
            Some(0) => {}
            Some(code) => text.push_str(&format!("[exit {code}]\n")),
            None => text.push_str(&format!("[{}]\n", self.output.status)),
        }
        text
    }
}

impl fmt::Display for Ran {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "$ {}", self.command)?;
        match (self.output.status.code(), self.timed_out) {
            (_, Some(after)) => writeln!(f, "killed: still running after {after:?}")?,
            (Some(code), None) => writeln!(f, "exit {code}")?,
            (None, None) => writeln!(f, "{}", self.output.status)?,
        }
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            if text.is_empty() {
                writeln!(f, "--- {name}: empty")?;
            } else {
                writeln!(f, "--- {name}:")?;
                f.write_str(text)?;
                if !text.ends_with('\n') {
                    writeln!(f)?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Ran {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A program on PATH.
pub fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(tool))
            .find(|p| p.is_file())
    })
}

/// A program the test needs, from PATH. A missing one fails the test with
/// the package to install (`.ci/run` installs them all): no test passes
/// without having run.
#[track_caller]
pub fn required_tool(tool: &str, package: &str) -> PathBuf {
    match which(tool) {
        Some(path) => path,
        None => panic!("this test needs `{tool}`, which is not on PATH: apt-get install {package}"),
    }
}

/// `chattr +i` on a path (e2fsprogs; root, or CAP_LINUX_IMMUTABLE, on a file
/// system with the immutable attribute), undone on drop, also when the test
/// panics, so that the temporary directory can be removed. Fails the test
/// when the attribute cannot be set.
pub struct Immutable(PathBuf);

impl Immutable {
    #[track_caller]
    pub fn set(path: &Path) -> Immutable {
        let chattr = required_tool("chattr", "e2fsprogs");
        let out = std::process::Command::new(chattr)
            .arg("+i")
            .arg(path)
            .output()
            .expect("run chattr");
        assert!(
            out.status.success(),
            "`chattr +i {}` failed ({}): this test needs root (CAP_LINUX_IMMUTABLE) \
             and a file system with the immutable attribute",
            path.display(),
            stderr(&out).trim()
        );
        Immutable(path.to_path_buf())
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

/// What varies from run to run, replaced by names in snapshots (in
/// `tests/snapshots/`): each known id in `names` by its name (`[shop/admin]`),
/// any other UUIDv7 by `[uuid]`, timestamps by `[timestamp]`, bcrypt hashes
/// by `[bcrypt hash]`. In a `table` the names are padded to the width of
/// what they replace, so that the columns still line up; trailing spaces
/// are dropped. Add filters of one's own before the general ones by
/// [`placeholder`] and `add_filter` on the result.
pub fn snapshot_settings(names: &[(String, String)], table: bool) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings.set_omit_expression(true);
    // Ids are hex digits and dashes: each is its own regex.
    for (id, name) in names {
        settings.add_filter(id, placeholder(table, name, id.len()));
    }
    let uuid = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    settings.add_filter(uuid, placeholder(table, "uuid", 36));
    let timestamp = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z";
    settings.add_filter(timestamp, placeholder(table, "timestamp", 24));
    // A narrow table's timestamp, to the minute.
    let minute = r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b";
    settings.add_filter(minute, placeholder(table, "time", 16));
    let bcrypt = r"\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}";
    settings.add_filter(bcrypt, placeholder(table, "bcrypt hash", 60));
    settings.add_filter(r"(?m)[ \t]+$", "");
    settings
}

/// `[name]`, padded to `width` in a table.
pub fn placeholder(table: bool, name: &str, width: usize) -> String {
    let name = format!("[{name}]");
    if table {
        format!("{name:<width$}")
    } else {
        name
    }
}

/// The keys of one application under the `traefik` root: its routers
/// (`<app>` and `<app>.<rule>`), service and middleware.
pub fn app_keys(all: &BTreeMap<String, String>, app: &str) -> BTreeMap<String, String> {
    all.iter()
        .filter(|(k, _)| {
            [
                format!("traefik/http/routers/{app}/"),
                format!("traefik/http/routers/{app}."),
                format!("traefik/http/services/{app}/"),
                format!("traefik/http/middlewares/{app}-auth/"),
            ]
            .iter()
            .any(|p| k.starts_with(p.as_str()))
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The application's YAML file as JSON, without authgate's comments.
pub fn yaml_model(r: &Registry, app: &str) -> Value {
    match r.yaml(app) {
        Some(y) => serde_json::to_value(y).unwrap(),
        None => serde_json::json!({}),
    }
}

/// What a key-value store holds for the application (`keys`, everything
/// under the `traefik` root), rebuilt into the model of [`yaml_model`].
pub fn kv_model(keys: &BTreeMap<String, String>, app: &str) -> Value {
    let keys = app_keys(keys, app);
    if keys.is_empty() {
        return serde_json::json!({});
    }
    authgate::testing::unflatten(
        "traefik",
        keys.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )
}

/// The exit code of a finished command.
/// Stops or resumes a process (`kill -STOP`, `kill -CONT`): a server that
/// hangs.
pub fn signal(pid: u32, name: &str) {
    assert!(
        std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
}

pub fn code(out: &std::process::Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// With `AUTHGATE_COLLECT_YAML=DIR`, every registry copies the Traefik files
/// it leaves behind into DIR when it is dropped, if `authgate check` says they
/// match the database, so that CI can validate every file the test suite
/// produced against Traefik's JSON schemas.
impl Drop for Registry {
    fn drop(&mut self) {
        let Some(out) = std::env::var_os("AUTHGATE_COLLECT_YAML") else {
            return;
        };
        let clean = self
            .cmd()
            .args(["check", "-q"])
            .output()
            .is_ok_and(|o| o.status.success());
        let Ok(entries) = std::fs::read_dir(self.traefik_dir()) else {
            return;
        };
        if !clean {
            return;
        }
        let out = PathBuf::from(out);
        let _ = std::fs::create_dir_all(&out);
        let tag = self
            .dir
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().trim_start_matches('.').to_string())
            .unwrap_or_default();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let regular = entry.file_type().is_ok_and(|k| k.is_file());
            let ours = regular
                && std::fs::read_to_string(entry.path())
                    .is_ok_and(|t| t.starts_with("# Managed by authgate."));
            if name.ends_with(".yml") && ours {
                let _ = std::fs::copy(entry.path(), out.join(format!("{tag}-{name}")));
            }
        }
    }
}
