//! Lays out the release binary's code so that the functions the common
//! commands run sit side by side (build/symbol-order.txt, written by
//! scripts/symbol-order.sh): a process maps the code it runs one page fault
//! at a time, 64 KB around each, and fewer faults make a shorter `create`
//! (docs/performance.md). Only where the linker takes such a file (LLD, as
//! rustc links on x86_64 Linux by default since 1.90 in the Rust project's
//! own builds), which an empty program linked first tells; elsewhere the
//! build is the same, laid out as compiled.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ORDER: &str = "build/symbol-order.txt";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={ORDER}");
    if env::var("PROFILE").as_deref() != Ok("release") {
        return;
    }
    let manifest = env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let order = Path::new(&manifest).join(ORDER);
    // A function the file names that this build lacks (renamed, or not
    // instantiated) is only left where it is. `-Xlinker` passes each
    // argument whole, whatever the path holds (`-Wl,` splits at commas).
    let mut ordering = OsString::from("--symbol-ordering-file=");
    ordering.push(&order);
    let args = [
        OsString::from("-Xlinker"),
        ordering,
        OsString::from("-Xlinker"),
        OsString::from("--no-warn-symbol-ordering"),
    ];
    if linker_takes(&args) {
        for arg in &args {
            let arg = arg.to_str().expect("the checkout's path is UTF-8");
            println!("cargo::rustc-link-arg-bin=authgate={arg}");
        }
    }
}

/// Whether the linker this build uses takes `args`: an empty program linked
/// with them, by the same rustc, for the same target, with the same flags.
fn linker_takes(args: &[OsString]) -> bool {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let source = out.join("linker_probe.rs");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let mut rustc = Command::new(env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    rustc
        .args([
            "--crate-type=bin",
            "--crate-name=linker_probe",
            "--edition=2024",
        ])
        .arg("--target")
        .arg(env::var_os("TARGET").expect("cargo sets TARGET"))
        .arg("-o")
        .arg(out.join("linker_probe"));
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    rustc.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        let mut flag = OsString::from("-Clinker=");
        flag.push(linker);
        rustc.arg(flag);
    }
    for arg in args {
        let mut flag = OsString::from("-Clink-arg=");
        flag.push(arg);
        rustc.arg(flag);
    }
    rustc
        .arg(&source)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
