//! A throw-away authgate installation for integration tests: its own HOME,
//! XDG directories, database and Traefik directory, driven through the real
//! binary.
#![allow(dead_code)]

pub mod traefik;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_fs::TempDir;
use serde_json::Value;

/// bcrypt cost used in tests: the minimum, to keep them fast.
pub const TEST_COST: &str = "4";

pub struct Registry {
    pub dir: TempDir,
}

impl Registry {
    /// An empty home: nothing initialized yet.
    pub fn empty() -> Self {
        Registry {
            dir: TempDir::new().expect("temp dir"),
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
        cmd.env_clear()
            .env("HOME", self.home())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("XDG_DATA_HOME", self.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .write_stdin("");
        cmd
    }

    /// The binary acting with an API key other than the owner's.
    pub fn cmd_as(&self, key: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.env("AUTHGATE_API_KEY", key);
        cmd
    }

    /// Runs as the owner; asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "authgate {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs as the owner with `-o json`; asserts success; parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        serde_json::from_str(&self.ok(&all)).expect("JSON output")
    }

    /// Creates a user with a role in the active org; returns its API key.
    pub fn add_user(&self, name: &str, role: &str) -> String {
        let v = self.json(&["user", "create", name, "--role", role]);
        v["apiKey"].as_str().expect("apiKey").to_string()
    }

    /// Creates a credential with a known password from stdin; returns its id.
    pub fn add_credential(&self, app: &str, username: &str, password: &str) -> String {
        let out = self
            .cmd()
            .args([
                "create",
                "--app",
                app,
                "--username",
                username,
                "--password-stdin",
            ])
            .args(["-o", "json"])
            .write_stdin(password)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "create failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
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

    /// Every byte the registry holds on disk: database (with WAL), files.
    pub fn all_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        collect(self.dir.path(), &mut out);
        out
    }
}

fn collect(dir: &Path, out: &mut Vec<u8>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.extend(bytes);
        }
    }
}

/// The exit code of a finished command.
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
            let ours = std::fs::read_to_string(entry.path())
                .is_ok_and(|t| t.starts_with("# Managed by authgate."));
            if name.ends_with(".yml") && ours {
                let _ = std::fs::copy(entry.path(), out.join(format!("{tag}-{name}")));
            }
        }
    }
}
