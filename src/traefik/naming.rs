//! What Traefik calls an application's parts: its middleware, how routers
//! of other providers reference it, and the realm its clients are shown.
//! The routers and services `render` writes take their names from here too.

use crate::store::applications::Application;

impl Application {
    /// The Traefik middleware name of this application's credentials.
    pub fn middleware_name(&self) -> String {
        format!("{}-auth", self.app_name)
    }

    /// How routers defined by another provider reference the middleware
    /// through the file provider.
    pub fn middleware_reference(&self) -> String {
        format!("{}@file", self.middleware_name())
    }

    /// How routers reference the middleware through each of `providers`
    /// (`file`, `redis`, ...).
    pub fn middleware_references(&self, providers: &[&str]) -> Vec<String> {
        providers
            .iter()
            .map(|p| format!("{}@{p}", self.middleware_name()))
            .collect()
    }

    pub fn realm_or_default(&self) -> &str {
        self.realm.as_deref().unwrap_or(&self.app_name)
    }
}
