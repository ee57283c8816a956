//! `authgate install-docs`: writes this binary's man pages and shell
//! completions where `man` and the shells look for them, so that `man
//! authgate` and completion work without copying files by hand.
//!
//! man-db adds `DIR/../share/man` (and `DIR/../man`) to its search path for
//! every `DIR` on `PATH`, so man pages under the parent of the directory
//! `authgate` is run from (`~/.cargo/share/man/man1` for
//! `~/.cargo/bin/authgate`) are found without a `MANPATH`. The completions
//! go to the user's directories each shell reads.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use clap::{Args, Command};
use clap_complete::Shell;
use serde::Serialize;

use super::Context;
use authgate::domain::setup::directories as dirs;
use authgate::error::{Context as _, Error, Result};

#[derive(Debug, Args)]
pub(crate) struct InstallDocsArgs {
    /// Install the man pages under DIR/share/man/man1 [default: the parent of the directory authgate runs from: ~/.cargo for ~/.cargo/bin/authgate]
    #[arg(long, value_name = "DIR")]
    pub prefix: Option<PathBuf>,
}

/// One file written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Installed {
    /// `man`, `bash`, `zsh` or `fish`.
    what: &'static str,
    path: String,
}

pub(crate) fn run(args: InstallDocsArgs, ctx: &Context, cli: Command) -> Result<()> {
    let prefix = match args.prefix {
        Some(dir) => absolute(&dir)?,
        None => default_prefix()?,
    };
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let data_home = xdg_dir("XDG_DATA_HOME", home.as_deref(), ".local/share")?;
    let config_home = xdg_dir("XDG_CONFIG_HOME", home.as_deref(), ".config")?;

    let mut installed = Vec::new();
    let man_dir = prefix.join("share/man/man1");
    let pages = super::gen_docs::man_pages(cli.clone())?;
    // Not through the umask: shells run what these directories hold.
    dirs::create(&man_dir, 0o755)?;
    remove_stale_pages(&man_dir, &pages)?;
    for (name, page) in &pages {
        let path = man_dir.join(name);
        write(&path, page)?;
        installed.push(path);
    }
    let mut rows: Vec<Installed> = installed
        .iter()
        .map(|p| Installed {
            what: "man",
            path: p.display().to_string(),
        })
        .collect();

    let bash_dir = match std::env::var_os("BASH_COMPLETION_USER_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => absolute(Path::new(&dir))?.join("completions"),
        None => data_home.join("bash-completion/completions"),
    };
    let zsh_dir = data_home.join("zsh/site-functions");
    let completions = [
        ("bash", Shell::Bash, bash_dir.join("authgate")),
        ("zsh", Shell::Zsh, zsh_dir.join("_authgate")),
        (
            "fish",
            Shell::Fish,
            config_home.join("fish/completions/authgate.fish"),
        ),
    ];
    for (what, shell, path) in completions {
        dirs::create_parent(&path, 0o755)?;
        write(&path, &super::completions::generate(shell))?;
        rows.push(Installed {
            what,
            path: path.display().to_string(),
        });
    }

    ctx.printer.list(&rows, &["what", "path"], "path")?;
    ctx.printer.note(&format!(
        "installed {} man pages and the bash, zsh and fish completions",
        pages.len()
    ));
    if !man_finds(&prefix) {
        ctx.printer.note(&format!(
            "man looks in {}/share/man when {}/bin is on PATH; it is not, so add the pages to man's search path: export MANPATH=\"{}/share/man:\"",
            prefix.display(),
            prefix.display(),
            prefix.display()
        ));
    }
    ctx.printer.note(&format!(
        "zsh reads completions from the directories in $fpath: if {} is not one of them, add `fpath=({} $fpath)` before `compinit` in ~/.zshrc",
        zsh_dir.display(),
        zsh_dir.display()
    ));
    Ok(())
}

/// The parent of the directory `authgate` was run from, as the shell found
/// it: `argv[0]` when it names a path, else the first directory on `PATH`
/// that holds it. Symbolic links are not followed, since man looks beside
/// the directory on `PATH`, not beside the link's target.
fn default_prefix() -> Result<PathBuf> {
    let invoked = std::env::args_os().next().map(PathBuf::from);
    let binary = match invoked {
        Some(p) if p.components().count() > 1 => Some(absolute(&p)?),
        Some(name) => std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(&name))
                .find(|p| p.is_file())
        }),
        None => None,
    };
    let binary = match binary {
        Some(p) => absolute(&p)?,
        None => std::env::current_exe()
            .map_err(|e| Error::internal(format!("cannot tell where authgate runs from: {e}")))?,
    };
    binary
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error::bad_request(format!(
                "cannot tell a prefix from {}: give --prefix DIR",
                binary.display()
            ))
        })
}

/// Whether man-db derives `prefix/share/man` from `PATH`: some directory
/// on `PATH` lies directly in `prefix`. (Its own `MANPATH` aside.)
fn man_finds(prefix: &Path) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.parent() == Some(prefix)))
}

/// `$VAR` when it is set to an absolute path, else `~/default`.
fn xdg_dir(var: &str, home: Option<&Path>, default: &str) -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(var).map(PathBuf::from)
        && dir.is_absolute()
    {
        return Ok(dir);
    }
    home.map(|h| h.join(default)).ok_or_else(|| {
        Error::bad_request(format!(
            "neither {var} nor HOME is set: cannot tell where the completions go"
        ))
    })
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).context_path("cannot resolve", path)
}

/// Removes the man pages of subcommands this version no longer has.
fn remove_stale_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> Result<()> {
    for entry in std::fs::read_dir(dir).context_path("cannot read", dir)? {
        let path = entry.context_path("cannot read", dir)?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let ours = name == "authgate.1" || (name.starts_with("authgate-") && name.ends_with(".1"));
        if ours && !pages.iter().any(|(page, _)| *page == name) {
            std::fs::remove_file(&path).context_path("cannot remove", &path)?;
        }
    }
    Ok(())
}

/// Writes a file readable by everyone (mode 0644), through a temporary file
/// renamed over it, so that a reader never sees half of it.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".authgate-")
        .tempfile_in(dir)
        .context_path("cannot create a file in", dir)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| {
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
        })
        .context_path("cannot write", path)?;
    file.persist(path)
        .map_err(|e| e.error)
        .context_path("cannot write", path)?;
    Ok(())
}
