//! The integration tests, one binary: each module drives the real `authgate`
//! binary (or the library) for one area. Filter by module, e.g.
//! `cargo test --test main redis::`.
//!
//! `peers` is ignored by default (it needs Apache's htpasswd); `.ci/run` runs
//! it with `cargo test --locked --test main peers:: -- --ignored`.

mod common;

mod audit;
mod cli_output;
mod credentials;
mod hostile;
mod interop;
mod isolation;
mod peers;
mod readme;
mod redis;
mod registry;
mod reliability;
mod tenant_boundaries;
