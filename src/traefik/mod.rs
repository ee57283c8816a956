//! Traefik dynamic configuration: a typed model rendered from database state
//! (DESIGN.md §5), and the watched-directory sink that writes it atomically.
//! The model knows nothing about files, so other sinks can reuse it.

pub mod access_log;
pub mod kv;

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::applications::Application;
use crate::store::security::Credential;

/// The dynamic configuration of one application.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DynamicConfig {
    pub http: HttpConfig,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct HttpConfig {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub routers: BTreeMap<String, Router>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub services: BTreeMap<String, Service>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub middlewares: BTreeMap<String, Middleware>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Router {
    pub rule: String,
    #[serde(rename = "entryPoints", skip_serializing_if = "Vec::is_empty")]
    pub entry_points: Vec<String>,
    pub service: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub middlewares: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<RouterTls>,
}

/// Never an empty map: without a certificate resolver, the default TLS
/// options are named explicitly.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RouterTls {
    #[serde(rename = "certResolver", skip_serializing_if = "Option::is_none")]
    pub cert_resolver: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Service {
    #[serde(rename = "loadBalancer")]
    pub load_balancer: LoadBalancer,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LoadBalancer {
    pub servers: Vec<Server>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Server {
    pub url: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Middleware {
    #[serde(rename = "basicAuth")]
    pub basic_auth: BasicAuth,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BasicAuth {
    pub realm: String,
    #[serde(rename = "removeHeader")]
    pub remove_header: bool,
    /// `user:hash` entries, sorted by username, never empty.
    pub users: Vec<String>,
}

/// The configuration of an application with the given credentials (sorted
/// by username), or `None` when there is nothing to write: an application
/// with external routing and no credentials has no file.
pub fn render(app: &Application, credentials: &[Credential]) -> Option<DynamicConfig> {
    let mut http = HttpConfig::default();
    if !credentials.is_empty() {
        let users = credentials
            .iter()
            .map(|c| format!("{}:{}", c.username, c.password_hash))
            .collect();
        http.middlewares.insert(
            app.middleware_name(),
            Middleware {
                basic_auth: BasicAuth {
                    realm: app.realm_or_default().to_string(),
                    remove_header: true,
                    users,
                },
            },
        );
    }
    if app.has_managed_routing() && !app.upstreams.is_empty() {
        let rule = app
            .domains
            .iter()
            .map(|d| format!("Host(`{d}`)"))
            .collect::<Vec<_>>()
            .join(" || ");
        let tls = match (&app.cert_resolver, app.tls) {
            (Some(resolver), _) => Some(RouterTls {
                cert_resolver: Some(resolver.clone()),
                options: None,
            }),
            (None, true) => Some(RouterTls {
                cert_resolver: None,
                options: Some("default".to_string()),
            }),
            (None, false) => None,
        };
        http.routers.insert(
            app.app_name.clone(),
            Router {
                rule,
                entry_points: app.entrypoints.clone(),
                service: app.app_name.clone(),
                middlewares: http.middlewares.keys().cloned().collect(),
                tls,
            },
        );
        http.services.insert(
            app.app_name.clone(),
            Service {
                load_balancer: LoadBalancer {
                    servers: app
                        .upstreams
                        .iter()
                        .map(|u| Server { url: u.clone() })
                        .collect(),
                },
            },
        );
    }
    if http.routers.is_empty() && http.middlewares.is_empty() {
        return None;
    }
    Some(DynamicConfig { http })
}

/// The first line of every file authgate writes; `sync` and `check` use it
/// to recognise authgate's files.
pub const HEADER: &str = "# Managed by authgate. Generated from its database and overwritten on every change: do not edit.";

/// The file contents for a configuration: the header and one YAML document.
pub fn to_yaml(app: &Application, config: &DynamicConfig) -> Result<String> {
    let body = serde_norway::to_string(config)
        .map_err(|e| Error::internal(format!("cannot render YAML for '{}': {e}", app.app_name)))?;
    let text = format!(
        "{HEADER}\n# application: {} ({})\n{body}",
        app.app_name, app.application_id
    );
    // Input validation keeps these out; this is the last line of defence,
    // since one bad file disables Traefik's whole file provider.
    if text.contains("{{") || text.contains("}}") {
        return Err(Error::internal(format!(
            "refusing to write YAML for '{}': it contains a template delimiter",
            app.app_name
        )));
    }
    Ok(text)
}

/// How many temp files [`FileSink::write_many`] writes and fsyncs at once.
/// More threads only spin on the directory's lock (creating a file in a
/// directory is serialized by the kernel) once the fsyncs overlap.
const PARALLEL_WRITES: usize = 8;

/// Traefik's watched directory.
#[derive(Debug, Clone)]
pub struct FileSink {
    pub dir: PathBuf,
    pub mode: u32,
}

impl FileSink {
    pub fn path_of(&self, app_name: &str) -> PathBuf {
        self.dir.join(format!("{app_name}.yml"))
    }

    /// The temp file a write goes through: a name Traefik does not load
    /// (hidden, ending in `.tmp`). It is fixed per application rather than
    /// random: writers hold the database's write lock, so two never share it,
    /// and a leftover from a killed process is simply replaced by the next
    /// write, with no directory scan.
    pub fn temp_path_of(&self, app_name: &str) -> PathBuf {
        self.dir.join(format!(".{app_name}.yml.tmp"))
    }

    /// Writes the file atomically: the temp file, fsync, rename over the
    /// target, fsync the directory. Traefik sees the old file or the new one.
    pub fn write(&self, app_name: &str, contents: &str) -> Result<()> {
        self.require_dir()?;
        let tmp = self.write_temp(app_name, contents)?;
        self.rename_temp(app_name, &tmp)?;
        self.sync_dir()
    }

    /// Writes many files, each exactly as [`FileSink::write`] does (its own
    /// temp file, written, fsynced and renamed over the target), but with
    /// the fsyncs of the temp files running in parallel, and the directory
    /// fsynced once, after the last rename. An fsync mostly waits for the
    /// disk, and the filesystem's journal commits concurrent fsyncs
    /// together: thousands of files take a fraction of the time of one
    /// after the other. If writing a temp file fails, nothing is renamed
    /// and the temp files are removed; if a rename fails, the files before
    /// it are already replaced.
    pub fn write_many(&self, files: &[(&str, &str)]) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        self.require_dir()?;
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<Error>> = Mutex::new(None);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((app_name, contents)) = files.get(i) else {
                    break;
                };
                if let Err(e) = self.write_temp(app_name, contents) {
                    // Stop every worker: they take no index past the end.
                    next.store(files.len(), Ordering::Relaxed);
                    failure
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .get_or_insert(e);
                    break;
                }
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..files.len().min(PARALLEL_WRITES) {
                // Without another thread, this one does the work.
                if std::thread::Builder::new()
                    .spawn_scoped(scope, work)
                    .is_err()
                {
                    break;
                }
            }
            work();
        });
        if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
            for (app_name, _) in files {
                let _ = std::fs::remove_file(self.temp_path_of(app_name));
            }
            return Err(e);
        }
        for (app_name, _) in files {
            self.rename_temp(app_name, &self.temp_path_of(app_name))?;
        }
        self.sync_dir()
    }

    fn require_dir(&self) -> Result<()> {
        if self.dir.is_dir() {
            Ok(())
        } else {
            Err(Error::internal(format!(
                "the Traefik directory {} does not exist (or is not a directory): create it, or point --traefik-dir / AUTHGATE_TRAEFIK_DIR at the directory Traefik watches",
                self.dir.display()
            )))
        }
    }

    /// Writes and fsyncs the temp file of an application; on failure it is
    /// removed.
    fn write_temp(&self, app_name: &str, contents: &str) -> Result<PathBuf> {
        let tmp = self.temp_path_of(app_name);
        // A leftover (or something planted under the name, such as a
        // symlink) is removed, never followed; then the file must be new.
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::internal(format!(
                    "cannot remove stale temp file {}: {e}",
                    tmp.display()
                )));
            }
            _ => {}
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(self.mode)
            .open(&tmp)
            .map_err(|e| {
                Error::internal(format!("cannot create temp file {}: {e}", tmp.display()))
            })?;
        let written = file
            .set_permissions(Permissions::from_mode(self.mode))
            .and_then(|()| file.write_all(contents.as_bytes()))
            .and_then(|()| file.sync_all());
        drop(file);
        match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(self.write_failed(app_name, e))
            }
        }
    }

    /// Renames a written temp file over the application's file; on failure
    /// the temp file is removed.
    fn rename_temp(&self, app_name: &str, tmp: &Path) -> Result<()> {
        std::fs::rename(tmp, self.path_of(app_name)).map_err(|e| {
            let _ = std::fs::remove_file(tmp);
            self.write_failed(app_name, e)
        })
    }

    fn write_failed(&self, app_name: &str, e: std::io::Error) -> Error {
        Error::internal(format!(
            "cannot write {}: {e}",
            self.path_of(app_name).display()
        ))
    }

    /// Removes an application's file; a file already gone is fine.
    /// Whether an application's path holds something authgate did not
    /// write: a file without authgate's header, or anything that is not a
    /// regular file. authgate never overwrites or removes it.
    pub fn is_foreign(&self, app_name: &str) -> Result<bool> {
        use std::io::Read;
        let path = self.path_of(app_name);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => {
                return Err(Error::internal(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        if !meta.is_file() {
            return Ok(true);
        }
        let mut head = Vec::with_capacity(HEADER.len());
        File::open(&path)
            .and_then(|f| f.take(HEADER.len() as u64).read_to_end(&mut head))
            .map_err(|e| Error::internal(format!("cannot read {}: {e}", path.display())))?;
        Ok(head != HEADER.as_bytes())
    }

    /// Refuses to go on when an application's path holds a file authgate did
    /// not write (see [`FileSink::is_foreign`]).
    pub fn require_own(&self, app_name: &str) -> Result<()> {
        self.require_dir()?;
        if self.is_foreign(app_name)? {
            return Err(Error::conflict(format!(
                "{} exists and was not written by authgate (it has no authgate header); authgate never overwrites or removes it: move it away, or choose another app name",
                self.path_of(app_name).display()
            )));
        }
        Ok(())
    }

    /// Removes an application's file; a file authgate did not write is left
    /// alone.
    pub fn remove(&self, app_name: &str) -> Result<()> {
        if self.is_foreign(app_name)? {
            return Ok(());
        }
        let target = self.path_of(app_name);
        match std::fs::remove_file(&target) {
            Ok(()) => self.sync_dir(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::internal(format!(
                "cannot remove {}: {e}",
                target.display()
            ))),
        }
    }

    pub fn read(&self, app_name: &str) -> Result<Option<String>> {
        let path = self.path_of(app_name);
        match std::fs::read_to_string(&path) {
            Ok(s) => Ok(Some(s)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::internal(format!(
                "cannot read {}: {e}",
                path.display()
            ))),
        }
    }

    fn sync_dir(&self) -> Result<()> {
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| {
                Error::internal(format!("cannot sync directory {}: {e}", self.dir.display()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(domains: &[&str]) -> Application {
        Application {
            application_id: "app-1".into(),
            app_name: "shop".into(),
            name: "Shop".into(),
            org_id: "o".into(),
            project: "p".into(),
            environment: "e".into(),
            environment_id: "e1".into(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            upstreams: if domains.is_empty() {
                vec![]
            } else {
                vec!["http://10.0.0.5:3000".into()]
            },
            entrypoints: vec![],
            tls: false,
            cert_resolver: None,
            realm: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn cred(username: &str) -> Credential {
        Credential {
            security_id: username.into(),
            application_id: "app-1".into(),
            username: username.into(),
            password_hash: "$2y$04$abcdefghijklmnopqrstuu".into(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn managed_routing_without_credentials_has_no_middleware() {
        let cfg = render(&app(&["a.example", "b.example"]), &[]).unwrap();
        let r = &cfg.http.routers["shop"];
        assert_eq!(r.rule, "Host(`a.example`) || Host(`b.example`)");
        assert!(r.middlewares.is_empty());
        assert!(cfg.http.middlewares.is_empty());
        let yaml = to_yaml(&app(&["a.example"]), &cfg).unwrap();
        assert!(!yaml.contains("middlewares"), "{yaml}");
    }

    #[test]
    fn managed_routing_with_credentials_attaches_the_middleware() {
        let cfg = render(&app(&["a.example"]), &[cred("admin"), cred("bob")]).unwrap();
        assert_eq!(cfg.http.routers["shop"].middlewares, vec!["shop-auth"]);
        let users = &cfg.http.middlewares["shop-auth"].basic_auth.users;
        assert_eq!(users.len(), 2);
        assert!(users[0].starts_with("admin:$2y$"));
    }

    #[test]
    fn external_routing_holds_only_the_middleware_and_nothing_without_credentials() {
        assert!(render(&app(&[]), &[]).is_none());
        let cfg = render(&app(&[]), &[cred("admin")]).unwrap();
        assert!(cfg.http.routers.is_empty() && cfg.http.services.is_empty());
        let yaml = to_yaml(&app(&[]), &cfg).unwrap();
        assert!(!yaml.contains("routers") && !yaml.contains("{}"), "{yaml}");
    }

    #[test]
    fn write_many_writes_every_file_through_its_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink {
            dir: dir.path().to_path_buf(),
            mode: 0o640,
        };
        sink.write("app3", "old\n").unwrap();
        let names: Vec<String> = (0..40).map(|i| format!("app{i}")).collect();
        let texts: Vec<String> = names.iter().map(|n| format!("{n}\n")).collect();
        let files: Vec<(&str, &str)> = names
            .iter()
            .zip(&texts)
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        sink.write_many(&files).unwrap();
        for (name, text) in &files {
            assert_eq!(sink.read(name).unwrap().as_deref(), Some(*text));
            let mode = std::fs::metadata(sink.path_of(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let entries = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(entries, files.len(), "no temp file is left");
        sink.write_many(&[]).unwrap();
    }

    #[test]
    fn write_many_into_a_missing_directory_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink {
            dir: dir.path().join("missing"),
            mode: 0o640,
        };
        let err = sink.write_many(&[("a", "a\n"), ("b", "b\n")]).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(!sink.dir.exists());
    }

    #[test]
    fn write_many_renames_nothing_when_a_temp_file_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink {
            dir: dir.path().to_path_buf(),
            mode: 0o640,
        };
        sink.write("c", "old c\n").unwrap();
        // A directory where b's temp file goes: it cannot be opened as a file.
        std::fs::create_dir(sink.temp_path_of("b")).unwrap();
        let err = sink
            .write_many(&[("a", "a\n"), ("b", "b\n"), ("c", "c\n")])
            .unwrap_err();
        assert!(err.to_string().contains(".b.yml.tmp"), "{err}");
        assert_eq!(sink.read("a").unwrap(), None);
        assert_eq!(sink.read("c").unwrap().as_deref(), Some("old c\n"));
        assert!(!sink.temp_path_of("a").exists() && !sink.temp_path_of("c").exists());
    }

    #[test]
    fn tls_is_never_an_empty_map() {
        let mut a = app(&["a.example"]);
        a.tls = true;
        let yaml = to_yaml(&a, &render(&a, &[]).unwrap()).unwrap();
        assert!(yaml.contains("options: default"), "{yaml}");
        assert!(!yaml.contains("{}"));
    }
}
