//! Traefik dynamic configuration: a typed model rendered from database state
//! (ARCHITECTURE.md, "Traefik's model"), its YAML form, its key-value form
//! (`kv`), how two configurations differ (`diff`), what a router rule names
//! (`rules`), and Traefik's access log (`access_log`). The model knows
//! nothing about files or keys: every sink publishes the same one.

pub mod access_log;
pub mod diff;
pub mod kv;
pub mod rules;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::applications::Application;
use crate::store::security::Credential;

/// The dynamic configuration of one application.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DynamicConfig {
    pub http: HttpConfig,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct HttpConfig {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub routers: BTreeMap<String, Router>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub services: BTreeMap<String, Service>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub middlewares: BTreeMap<String, Middleware>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Router {
    pub rule: String,
    #[serde(rename = "entryPoints", skip_serializing_if = "Vec::is_empty")]
    pub entry_points: Vec<String>,
    pub service: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub middlewares: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<RouterTls>,
}

/// Never an empty map: without a certificate resolver, the default TLS
/// options are named explicitly.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RouterTls {
    #[serde(rename = "certResolver", skip_serializing_if = "Option::is_none")]
    pub cert_resolver: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Service {
    #[serde(rename = "loadBalancer")]
    pub load_balancer: LoadBalancer,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LoadBalancer {
    pub servers: Vec<Server>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Server {
    pub url: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Middleware {
    #[serde(rename = "basicAuth")]
    pub basic_auth: BasicAuth,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BasicAuth {
    pub realm: String,
    #[serde(rename = "removeHeader")]
    pub remove_header: bool,
    /// `user:hash` entries, sorted by username, never empty.
    pub users: Vec<String>,
}

/// The configuration of an application with the given credentials (sorted
/// by username), or `None` when there is nothing to write: an application
/// with external routing and no credentials has no file.
pub fn render(app: &Application, credentials: &[Credential]) -> Option<DynamicConfig> {
    let mut http = HttpConfig::default();
    if !credentials.is_empty() {
        let users = credentials
            .iter()
            .map(|c| format!("{}:{}", c.username, c.password_hash))
            .collect();
        http.middlewares.insert(
            app.middleware_name(),
            Middleware {
                basic_auth: BasicAuth {
                    realm: app.realm_or_default().to_string(),
                    remove_header: true,
                    users,
                },
            },
        );
    }
    if app.has_managed_routing() && !app.upstreams.is_empty() {
        let rule = app
            .domains
            .iter()
            .map(|d| format!("Host(`{d}`)"))
            .collect::<Vec<_>>()
            .join(" || ");
        let tls = match (&app.cert_resolver, app.tls) {
            (Some(resolver), _) => Some(RouterTls {
                cert_resolver: Some(resolver.clone()),
                options: None,
            }),
            (None, true) => Some(RouterTls {
                cert_resolver: None,
                options: Some("default".to_string()),
            }),
            (None, false) => None,
        };
        http.routers.insert(
            app.app_name.clone(),
            Router {
                rule,
                entry_points: app.entrypoints.clone(),
                service: app.app_name.clone(),
                middlewares: http.middlewares.keys().cloned().collect(),
                tls,
            },
        );
        http.services.insert(
            app.app_name.clone(),
            Service {
                load_balancer: LoadBalancer {
                    servers: app
                        .upstreams
                        .iter()
                        .map(|u| Server { url: u.clone() })
                        .collect(),
                },
            },
        );
    }
    if http.routers.is_empty() && http.middlewares.is_empty() {
        return None;
    }
    Some(DynamicConfig { http })
}

/// The first line of every file authgate writes; `sync` and `check` use it
/// to recognise authgate's files.
pub const HEADER: &str = "# Managed by authgate. Generated from its database and overwritten on every change: do not edit.";

/// The file contents for a configuration: the header and one YAML document.
pub fn to_yaml(app: &Application, config: &DynamicConfig) -> Result<String> {
    let body = serde_norway::to_string(config)
        .map_err(|e| Error::internal(format!("cannot render YAML for '{}': {e}", app.app_name)))?;
    let text = format!(
        "{HEADER}\n# application: {} ({})\n{body}",
        app.app_name, app.application_id
    );
    // Input validation keeps these out; this is the last line of defence,
    // since one bad file disables Traefik's whole file provider.
    if text.contains("{{") || text.contains("}}") {
        return Err(Error::internal(format!(
            "refusing to write YAML for '{}': it contains a template delimiter",
            app.app_name
        )));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(domains: &[&str]) -> Application {
        Application {
            application_id: "app-1".into(),
            app_name: "shop".into(),
            name: "Shop".into(),
            org_id: "o".into(),
            project: "p".into(),
            environment: "e".into(),
            environment_id: "e1".into(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            upstreams: if domains.is_empty() {
                vec![]
            } else {
                vec!["http://10.0.0.5:3000".into()]
            },
            entrypoints: vec![],
            tls: false,
            cert_resolver: None,
            realm: None,
            fast_auth: false,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn cred(username: &str) -> Credential {
        Credential {
            security_id: username.into(),
            application_id: "app-1".into(),
            username: username.into(),
            password_hash: "$2y$04$abcdefghijklmnopqrstuu".into(),
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn managed_routing_without_credentials_has_no_middleware() {
        let cfg = render(&app(&["a.example", "b.example"]), &[]).unwrap();
        let r = &cfg.http.routers["shop"];
        assert_eq!(r.rule, "Host(`a.example`) || Host(`b.example`)");
        assert!(r.middlewares.is_empty());
        assert!(cfg.http.middlewares.is_empty());
        let yaml = to_yaml(&app(&["a.example"]), &cfg).unwrap();
        assert!(!yaml.contains("middlewares"), "{yaml}");
    }

    #[test]
    fn managed_routing_with_credentials_attaches_the_middleware() {
        let cfg = render(&app(&["a.example"]), &[cred("admin"), cred("bob")]).unwrap();
        assert_eq!(cfg.http.routers["shop"].middlewares, vec!["shop-auth"]);
        let users = &cfg.http.middlewares["shop-auth"].basic_auth.users;
        assert_eq!(users.len(), 2);
        assert!(users[0].starts_with("admin:$2y$"));
    }

    #[test]
    fn external_routing_holds_only_the_middleware_and_nothing_without_credentials() {
        assert!(render(&app(&[]), &[]).is_none());
        let cfg = render(&app(&[]), &[cred("admin")]).unwrap();
        assert!(cfg.http.routers.is_empty() && cfg.http.services.is_empty());
        let yaml = to_yaml(&app(&[]), &cfg).unwrap();
        assert!(!yaml.contains("routers") && !yaml.contains("{}"), "{yaml}");
    }

    #[test]
    fn tls_is_never_an_empty_map() {
        let mut a = app(&["a.example"]);
        a.tls = true;
        let yaml = to_yaml(&a, &render(&a, &[]).unwrap()).unwrap();
        assert!(yaml.contains("options: default"), "{yaml}");
        assert!(!yaml.contains("{}"));
    }
}
