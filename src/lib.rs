//! authgate: HTTP Basic Auth for applications served by Traefik.
//!
//! The library is the domain and what it stands on; the command line is the
//! binary's (`src/cli/`). From the top down (ARCHITECTURE.md, "Layers"):
//! - `domain`: the operations (applications, credentials, identity, drift,
//!   setup) and the unit of work that runs each one (`domain::session`);
//! - `sinks`: where Traefik's configuration is published (the watched
//!   directory, key-value stores such as Redis);
//! - `traefik`: Traefik's configuration model, its rendering, its key-value
//!   encoding and its access log;
//! - `auth`: API keys and authorization;
//! - `store`: the SQLite registry;
//! - `error`, `input` (bounded reads of outside input) and `clock` (the
//!   time authgate acts at): the ground.

pub mod auth;
pub mod clock;
pub mod domain;
pub mod error;
pub mod input;
pub mod sinks;
pub mod store;
pub mod traefik;

pub use error::{Error, ErrorCode, Result};
