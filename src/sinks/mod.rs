//! Where Traefik's configuration is published.

pub mod redis;
