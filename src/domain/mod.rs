//! The operations of authgate, each authorized, audited and published in one
//! unit of work (`session`), and the rules they enforce.

pub mod accepted;
pub mod apps;
pub mod audit;
pub mod backup;
pub mod completion;
pub mod credentials;
pub mod drift;
pub mod foreign;
pub mod foreign_definitions;
pub mod guard;
pub mod identity;
pub mod installation;
pub mod names;
pub mod password;
pub mod progress;
pub mod publish;
pub mod served;
pub mod session;
pub mod setup;
pub mod shared;
pub mod upstreams;
pub mod validate;
