//! Lays out the release binary's code so that the functions the common
//! commands run sit side by side (build/symbol-order.txt, written by
//! scripts/symbol-order.sh): a process maps the code it runs one page fault
//! at a time, 64 KB around each, and fewer faults make a shorter `create`
//! (docs/performance.md). Only where the linker is known to be LLD, the one
//! that reads such a file: rustc's own on x86_64 Linux since 1.90, unless a
//! linker is configured. Elsewhere the build is the same, laid out as
//! compiled.

use std::env;
use std::process::Command;

const ORDER: &str = "build/symbol-order.txt";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={ORDER}");
    if env::var("PROFILE").as_deref() == Ok("release") && links_with_rustc_lld() {
        let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        println!("cargo::rustc-link-arg-bin=authgate=-Wl,--symbol-ordering-file={dir}/{ORDER}");
        // A function the file names that this build lacks (renamed, or not
        // instantiated) is only left where it is.
        println!("cargo::rustc-link-arg-bin=authgate=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether rustc links this build with the LLD it ships, by default.
fn links_with_rustc_lld() -> bool {
    if env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu")
        || env::var_os("RUSTC_LINKER").is_some()
    {
        return false;
    }
    // Any flag that chooses the linker or how it is found.
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if flags.split('\x1f').any(|f| f.contains("link")) {
        return false;
    }
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = Command::new(rustc).arg("-vV").output() else {
        return false;
    };
    let version = String::from_utf8_lossy(&out.stdout);
    let release = version.lines().find_map(|l| l.strip_prefix("release: "));
    let minor = release.and_then(|r| {
        let mut parts = r.split('.');
        (parts.next() == Some("1")).then(|| parts.next()?.parse::<u32>().ok())?
    });
    minor.is_some_and(|m| m >= 90)
}
