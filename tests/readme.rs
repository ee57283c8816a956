//! The README's commands, run as a reader would run them, so that it cannot
//! drift from the tool.
//!
//! Every ```sh block runs, in order, in bash with `set -e`, against a scratch
//! home directory and with the freshly built `authgate` first on PATH, in the
//! home's `~/.cargo/bin` as `cargo install` would put it. The first two
//! blocks are special: the first installs with cargo and then runs the quick
//! start (its part after `cargo install ... &&` runs here, in a home
//! of its own, since the rest of the README starts with `init` on a clean
//! machine; then the rest runs there too, `init` aside, as the README says it
//! may); the second is the test command itself and is not run. Blocks in
//! other languages are not run: YAML, crontab lines, and `shell` blocks that
//! build or test this repository.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use authgate::ErrorCode;

use crate::common::markdown::{Block, readme};

const INSTALL: &str = "cargo install --locked --path . && ";
const TEST_COMMAND: &str = "cargo test --locked";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch home: HOME and the XDG directories inside a temp dir.
struct Home {
    dir: assert_fs::TempDir,
}

impl Home {
    /// With `authgate` in `~/.cargo/bin`, where `cargo install` puts it
    /// (a symbolic link to the freshly built binary).
    fn new() -> Self {
        let dir = assert_fs::TempDir::new().expect("temp dir");
        let bin = dir.path().join("home/.cargo/bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_authgate"), bin.join("authgate")).unwrap();
        Home { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// Runs one block in bash with `set -e`, as a reader at the root of a
    /// clone would; panics with the block and its output when it fails.
    fn run(&self, block: &Block, script: &str) -> String {
        let mut paths = vec![self.path().join(".cargo/bin")];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let home = self.path();
        let out = Command::new("bash")
            .args([
                "--noprofile",
                "--norc",
                "-e",
                "-o",
                "pipefail",
                "-c",
                script,
            ])
            .current_dir(repo())
            .env_clear()
            .env("PATH", std::env::join_paths(paths).unwrap())
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .output()
            .expect("run bash");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{} line {}: the ```{} block failed ({}):\n{}\n--- stdout\n{}\n--- stderr\n{}",
            block.file,
            block.line,
            block.lang,
            out.status,
            script,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }
}

#[test]
fn readme_sh_blocks_run_in_order() {
    let all = readme().1;
    let sh: Vec<&Block> = all.iter().filter(|b| b.lang == "sh").collect();
    assert!(
        sh.len() > 10,
        "the documentation has only {} sh blocks",
        sh.len()
    );

    // 1. The install-and-try command, minus the install.
    let first = sh[0].text.trim_end();
    let quick_start = first.strip_prefix(INSTALL).unwrap_or_else(|| {
        panic!("README.md's first command must start with `{INSTALL}`: {first}")
    });
    assert!(!quick_start.contains('\n'), "the first command is one line");
    let try_home = Home::new();
    try_home.run(sh[0], quick_start);
    let demo = try_home
        .path()
        .join(".local/share/authgate/traefik/demo.yml");
    let demo = std::fs::read_to_string(&demo).expect("the quick start protects demo");
    assert!(demo.contains("admin:$2"), "{demo}");
    // It installed the man pages where man finds them for cargo's binaries.
    assert!(
        try_home
            .path()
            .join(".cargo/share/man/man1/authgate.1")
            .is_file()
    );

    // 2. The test command: the one CI runs, never run from here.
    assert_eq!(sh[1].text.trim_end(), TEST_COMMAND);

    // 3. Everything else, in order, on one clean machine.
    let home = Home::new();
    for block in &sh[2..] {
        home.run(block, &block.text);
    }
    // The README says the walk-through also works on the quick start's
    // registry, `init` aside.
    for block in &sh[2..] {
        if !block.text.trim_start().starts_with("authgate init") {
            try_home.run(block, &block.text);
        }
    }
    // The install step put the man pages where man looks for cargo's
    // binaries.
    for home in [&home, &try_home] {
        let page = home.path().join(".cargo/share/man/man1/authgate.1");
        assert!(page.is_file(), "{}", page.display());
    }
    // The walk-through ends with shop behind Docker labels, protected.
    let shop = std::fs::read_to_string(home.path().join(".local/share/authgate/traefik/shop.yml"))
        .expect("shop.yml");
    assert!(
        shop.contains("shop-auth") && !shop.contains("routers"),
        "{shop}"
    );
}

#[test]
fn readme_blocks_that_do_not_run_are_only_config_cron_and_development() {
    for block in readme().1 {
        match block.lang.as_str() {
            "sh" | "yaml" | "crontab" => {}
            // Commands that build or test this repository (a test cannot
            // run cargo on its own checkout).
            "shell" => {
                for line in block.text.lines().filter(|l| !l.trim().is_empty()) {
                    assert!(
                        line.starts_with("cargo "),
                        "{} line {}: only cargo commands may hide in a ```shell block: {line}",
                        block.file,
                        block.line
                    );
                }
            }
            other => panic!(
                "{} line {}: fence language {other:?}: use sh (run by this test), or yaml, crontab or shell",
                block.file, block.line
            ),
        }
    }
}

#[test]
fn readme_top_commands_and_exit_codes_stay() {
    let (text, blocks) = readme();
    let first_two: Vec<String> = blocks
        .into_iter()
        .take(2)
        .map(|b| format!("```{}\n{}```", b.lang, b.text))
        .collect();
    assert_eq!(
        first_two,
        [
            "```sh\ncargo install --locked --path . && authgate install-docs >/dev/null && authgate init && authgate app add --app-name demo --domain demo.localhost --upstream http://127.0.0.1:3000 && authgate create --app demo --username admin --generate\n```",
            "```sh\ncargo test --locked\n```",
        ]
    );
    // The README's table agrees with the one in --help and the man page.
    for code in ErrorCode::ALL {
        let row = format!("| {} | `{}` |", code.exit_code(), code.as_str());
        assert!(text.contains(&row), "the documentation lacks the row {row}");
    }
    // Cron's */90 trap is explained, and the quarterly line is right.
    assert!(text.contains("0 3 1 */3 *"));
    assert!(text.contains("`*/90 * * * *`"));
}
