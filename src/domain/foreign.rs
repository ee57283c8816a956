//! Files in the watched directory that authgate did not write. Traefik loads
//! every `.yml`, `.yaml` and `.toml` file there, recursively, into one
//! configuration (ARCHITECTURE.md, "Shared ground"), so such a file can
//! break or shadow every application's routing:
//! - one file Traefik cannot load freezes the whole directory: Traefik keeps
//!   its last good configuration, and every later change is never enforced;
//! - a router whose rule names a host that an authgate application routes
//!   competes with that application's router, and may win without its
//!   middleware.
//!
//! authgate never writes or removes such a file; `check` reports it, and
//! mutating commands warn while one exists.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::store::applications;
use crate::traefik::{self, rules};

use crate::sinks::file::{self, Unread};

/// Subdirectories deeper than this are not followed (a symlink loop, say).
const MAX_DEPTH: usize = 16;

/// What is wrong with a file authgate did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Traefik cannot load it (the reason), or authgate cannot read it.
    Unloadable(String),
    /// A router of the file routes a host that an authgate application
    /// routes.
    Shadowing {
        router: String,
        host: String,
        app_name: String,
    },
}

#[derive(Debug, Clone)]
pub struct ForeignFile {
    pub path: PathBuf,
    pub problem: Problem,
}

/// Every problem with a file authgate did not write in `dir`, in path order.
/// The top-level `<app>.yml` of an existing application is authgate's place
/// and is left to drift detection, and so is any file that starts with
/// authgate's header.
pub fn scan(conn: &Connection, dir: &Path) -> Result<Vec<ForeignFile>> {
    let app_names = applications::all_names(conn)?;
    let mut out = Vec::new();
    walk(conn, dir, dir, 0, &app_names, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk(
    conn: &Connection,
    top: &Path,
    dir: &Path,
    depth: usize,
    app_names: &HashSet<String>,
    out: &mut Vec<ForeignFile>,
) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::internal(format!("cannot read directory {}: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::internal(format!("cannot read directory {}: {e}", dir.display()))
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // The names alone settle most entries, without a stat: the
        // directory entry's own type says whether to look further. A
        // publish looks at every entry of a directory of thousands.
        let kind = entry.file_type().ok();
        let may_be_dir = kind.is_none_or(|k| k.is_dir() || k.is_symlink());
        if !may_be_dir && !rules::loads(&name) {
            continue;
        }
        if dir == top
            && let Some(app_name) = name.strip_suffix(".yml")
            && app_names.contains(app_name)
        {
            continue;
        }
        let path = entry.path();
        // Follows symlinks, as Traefik does.
        let Ok(meta) = std::fs::metadata(&path) else {
            if rules::loads(&name) {
                out.push(unloadable(path, "it is a dangling symlink".into()));
            }
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                walk(conn, top, &path, depth + 1, app_names, out)?;
            }
            continue;
        }
        if !rules::loads(&name) {
            continue;
        }
        if !meta.is_file() {
            out.push(unloadable(path, Unread::NotRegular.to_string()));
            continue;
        }
        // authgate's own files are told by their header, without reading
        // further; only the others are read whole (bounded).
        match file::read_head(&path, traefik::HEADER.len()) {
            Ok(head) if head == traefik::HEADER.as_bytes() => continue,
            Ok(_) => {}
            Err(why) => {
                out.push(unloadable(path, why.to_string()));
                continue;
            }
        }
        let text = match file::read_bounded(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    out.push(unloadable(path, "it is not valid UTF-8".to_string()));
                    continue;
                }
            },
            Err(why) => {
                out.push(unloadable(path, why.to_string()));
                continue;
            }
        };
        match rules::routers_of(&name, &text) {
            Err(why) => out.push(unloadable(path, why)),
            Ok(routers) => {
                for (router, rule) in routers {
                    let hosts = rules::hosts_in_rule(&rule)
                        .into_iter()
                        .filter_map(|h| crate::domain::validate::domain(&h).ok());
                    for host in hosts {
                        if let Some(app_name) = applications::routing(conn, &host)? {
                            out.push(ForeignFile {
                                path: path.clone(),
                                problem: Problem::Shadowing {
                                    router: router.clone(),
                                    host,
                                    app_name,
                                },
                            });
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn unloadable(path: PathBuf, why: String) -> ForeignFile {
    ForeignFile {
        path,
        problem: Problem::Unloadable(why),
    }
}
