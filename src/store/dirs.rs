//! Directories authgate creates: private whatever the umask
//! (ARCHITECTURE.md, "Files and directories").

use std::fs::{DirBuilder, Permissions};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Context, Result};

/// The mode of every directory authgate creates, but the Traefik directory.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

/// The mode of the Traefik directory `init` creates: Traefik must read it,
/// through its group (docs/guide.md, "Where things live").
pub const TRAEFIK_DIR_MODE: u32 = 0o750;

/// Creates `dir` and each missing parent with `mode`, set explicitly on each
/// directory created here, so that a umask can neither narrow nor widen it.
/// Directories that exist already are left as they are. Returns the
/// directories created, outermost first.
pub fn create(dir: &Path, mode: u32) -> Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(path) = at.filter(|p| !p.as_os_str().is_empty()) {
        if path.exists() {
            break;
        }
        missing.push(path.to_path_buf());
        at = path.parent();
    }
    missing.reverse();
    let mut created = Vec::new();
    for path in missing {
        match DirBuilder::new().mode(mode).create(&path) {
            Ok(()) => {
                std::fs::set_permissions(&path, Permissions::from_mode(mode))
                    .context_path("cannot set the mode of directory", &path)?;
                created.push(path);
            }
            // Created meanwhile by someone else: theirs, left alone.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
            Err(e) => return Err(e).context_path("cannot create directory", &path),
        }
    }
    Ok(created)
}

/// Creates the parent directory of `file` when it is missing (see [`create`]).
pub fn create_parent(file: &Path, mode: u32) -> Result<()> {
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        create(parent, mode)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_missing_directories_with_the_mode_and_leaves_existing_ones() {
        let top = tempfile::tempdir().unwrap();
        std::fs::set_permissions(top.path(), Permissions::from_mode(0o755)).unwrap();
        let dir = top.path().join("a/b/c");
        let created = create(&dir, 0o700).unwrap();
        assert_eq!(
            created,
            vec![top.path().join("a"), top.path().join("a/b"), dir.clone()]
        );
        for d in &created {
            let mode = std::fs::metadata(d).unwrap().permissions().mode() & 0o7777;
            assert_eq!(mode, 0o700, "{}", d.display());
        }
        let top_mode = std::fs::metadata(top.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(top_mode, 0o755);
        assert!(create(&dir, 0o750).unwrap().is_empty());
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "an existing directory keeps its mode");
    }
}
