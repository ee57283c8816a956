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

// The library never prints: what a command says is the command line's.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub(crate) mod auth;
pub mod clock;
pub mod domain;
pub mod error;
pub mod input;
pub(crate) mod sinks;
pub(crate) mod store;
pub(crate) mod traefik;

pub use error::{Error, ErrorCode, Result};

/// The one door to authgate's insides for its integration tests and
/// benchmarks, which set up registries and render configurations directly
/// and check what the store and Traefik's key-value encoding hold. Not an
/// interface: the command line goes through [`domain`] only, and a test in
/// `tests/` checks that `src/cli` never names this module.
#[doc(hidden)]
pub mod testing {
    pub use crate::auth::{Access, actor};
    pub use crate::store::applications::{self, Application};
    pub use crate::store::credentials::{self, Credential};
    pub use crate::store::intents::this_process;
    pub use crate::store::{Store, now, tenancy};
    pub use crate::traefik::kv::unflatten;
    pub use crate::traefik::{render, to_yaml};
}
