//! The layers where the compiler cannot hold them (ARCHITECTURE.md,
//! "Layers"): the command line does not take the door the tests use, and
//! the library knows nothing of clap.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_command_line_reaches_the_library_through_the_domain_only() {
    let mut files = sources(&root().join("src/cli"));
    files.push(root().join("src/main.rs"));
    assert!(files.len() > 30, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("authgate::testing"),
            "{} takes the tests' door into the library",
            file.display()
        );
    }
}

#[test]
fn the_library_knows_nothing_of_the_command_line() {
    let cli = root().join("src/cli");
    let main = root().join("src/main.rs");
    for file in sources(&root().join("src")) {
        if file.starts_with(&cli) || file == main {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for word in ["clap::", "use clap", "crate::cli"] {
            assert!(
                !text.contains(word),
                "{} names {word}: the library does not know the command line",
                file.display()
            );
        }
    }
}
