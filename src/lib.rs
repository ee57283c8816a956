//! authgate: HTTP Basic Auth for applications served by Traefik.
//!
//! The domain (store, authorization, hashing, Traefik rendering) is free of
//! command-line concerns; `cli` and `commands` are the thin layer on top.

pub mod access_log;
pub mod apps;
pub mod audit_query;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod credentials;
pub mod drift;
pub mod error;
pub mod foreign;
pub mod hashes;
pub mod kv;
pub mod org;
pub mod output;
pub mod password;
pub mod redis_sink;
pub mod session;
pub mod setup;
pub mod store;
pub mod traefik;
pub mod validate;

pub use error::{Error, ErrorCode, Result};
