//! Traefik dynamic configuration: a typed model rendered from database state
//! (ARCHITECTURE.md, "Traefik's model"), its YAML form, its key-value form
//! (`kv`), how two configurations differ (`diff`), what a router rule names
//! (`rules`), Traefik's access log (`access_log`), its API (`api`) and a
//! request sent through an entry point as a client would (`probe`). The model knows
//! nothing about files or keys: every sink publishes the same one.

pub mod access_log;
pub(crate) mod api;
pub(crate) mod diff;
pub(crate) mod kv;
mod naming;
pub(crate) mod probe;
pub(crate) mod rules;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::applications::{AccessRules, Application};
use crate::store::credentials::Credential;

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
    /// Set on every router of an application with access rules (see
    /// [`PRIORITY_MAIN`]); otherwise Traefik's default, the rule's length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
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

/// One of the two middlewares authgate writes: an application's
/// `basicAuth`, or the `ipAllowList` that refuses every request of the
/// clients the guard banned.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Middleware {
    #[serde(rename = "basicAuth", skip_serializing_if = "Option::is_none")]
    pub basic_auth: Option<BasicAuth>,
    #[serde(rename = "ipAllowList", skip_serializing_if = "Option::is_none")]
    pub ip_allow_list: Option<IpAllowList>,
}

impl Middleware {
    fn basic_auth(basic_auth: BasicAuth) -> Middleware {
        Middleware {
            basic_auth: Some(basic_auth),
            ip_allow_list: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IpAllowList {
    #[serde(rename = "sourceRange")]
    pub source_range: Vec<String>,
    #[serde(rename = "rejectStatusCode")]
    pub reject_status_code: u16,
}

/// What the ban middleware admits: no client ever connects from the
/// unspecified addresses, so every request is refused, with 429 (Too Many
/// Requests; accepted by Traefik 3.0 to 3.7).
pub(crate) const ADMITS_NOBODY: [&str; 2] = ["0.0.0.0/32", "::/128"];
pub(crate) const BANNED_STATUS: u16 = 429;

/// The priority of the router that refuses banned clients: above every
/// other router of the application (and far above a rule's length, which
/// is Traefik's default), so that a banned client gets nothing, public
/// paths and trusted networks included.
pub(crate) const PRIORITY_BANNED: u32 = 2_000_000_000;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BasicAuth {
    pub realm: String,
    #[serde(rename = "removeHeader")]
    pub remove_header: bool,
    /// `user:hash` entries, sorted by username, never empty.
    pub users: Vec<String>,
}

/// The username of the one entry a locked application's middleware holds:
/// no credential can have it (`domain::validate::username` refuses it).
pub(crate) const LOCKED_USERNAME: &str = "authgate-locked";

/// The `{SHA}` of a random 160-bit value that was never stored: no password
/// matches it, so a locked application (every credential expired, or a
/// private one without credentials) answers 401 to everyone, and its
/// middleware is never an empty `users:` list (which current Traefik
/// releases treat as an error, unmounting the router).
pub(crate) const LOCKED_HASH: &str = "{SHA}RtWoGDuNZCP89Whs2QSKUBycX0w=";

/// The priority of an application's main router, which carries the
/// middleware, once it has access rules. Every router of such an
/// application has an explicit priority, so that their order never depends
/// on the length of their rules (Traefik's default), whatever the number of
/// domains or prefixes. The values are far above the length of any rule, so
/// that routers of other files without a `Host` (a catch-all, say) keep
/// losing to authgate's routers on authgate's hosts, as they do without
/// access rules.
pub(crate) const PRIORITY_MAIN: u32 = 10_000;

/// The extra routers, which skip the middleware: above the main router, so
/// that they win wherever their narrower rule matches. They have no
/// middleware between them, so their order among themselves does not
/// matter.
pub(crate) const PRIORITY_OPEN: u32 = 10_010;

/// What follows `<app>.` in the names of the extra routers. App names have
/// no `.`, so no application's main router, and no other application's
/// extra router, can have one of these names. `banned` (and, for external
/// routing, `banned-tls`) refuses the clients the guard banned.
pub(crate) const EXTRA_ROUTERS: [&str; 5] =
    ["public", "trusted", "preflight", "banned", "banned-tls"];

/// The name of the middleware of an application's ban routers: with a
/// `.`, so no other application's middleware can have it.
pub(crate) fn ban_middleware_name(app_name: &str) -> String {
    format!("{app_name}.banned")
}

/// The names of every middleware authgate may write for an application.
pub(crate) fn middleware_names(app_name: &str) -> [String; 2] {
    [format!("{app_name}-auth"), ban_middleware_name(app_name)]
}

/// Request paths that an upstream may read as another path than Traefik
/// matches: empty, `.` and `..` segments, a `;` anywhere (servlet
/// containers drop path parameters, so `/;x=1/admin` is their `/admin`),
/// backslashes, a percent-encoding Traefik left encoded, control
/// characters. Traefik 3.0 matches such paths as they come, and 3.7 keeps
/// reserved characters encoded (`/static%2F..%2Fadmin`), so a router that
/// skips authentication never takes them: they need authentication.
pub(crate) const UNNORMALIZED_PATH: &str = r"//|/\.\.?(/|$)|;|\\|%|[\x00-\x1f\x7f]";

/// A request whose `Authorization` header offers Basic credentials (the
/// scheme is case-insensitive). No extra router takes one: such a request
/// goes to the main router, which checks the credentials and removes the
/// header before the upstream sees it (`removeHeader`), so that a browser
/// that logged in never hands the password to the upstream on a public
/// path. Other schemes (`Bearer`, ...) pass through to the upstream.
pub(crate) const BASIC_CREDENTIALS: &str = r"(?i)^\s*basic";

/// Every router name an application's configuration may hold: its main
/// router and its extra routers.
pub(crate) fn router_names(app_name: &str) -> Vec<String> {
    std::iter::once(app_name.to_string())
        .chain(EXTRA_ROUTERS.iter().map(|s| format!("{app_name}.{s}")))
        .collect()
}

/// `a`, or `(a || b || ...)`.
fn any_of(matchers: Vec<String>) -> String {
    if matchers.len() == 1 {
        matchers.into_iter().next().unwrap_or_default()
    } else {
        format!("({})", matchers.join(" || "))
    }
}

/// The paths that skip authentication, as a condition of `<app>.public`.
///
/// Public paths: each path itself and everything below it, segment by
/// segment, case-sensitively (`/static` opens `/static` and
/// `/static/app.js`, not `/staticfiles` nor `/STATIC`).
///
/// Protected paths: every path that does not start with one of the
/// prefixes, compared case-insensitively (`/admin` also protects
/// `/administrator` and `/ADMIN`, which a case-insensitive upstream serves
/// as `/admin`).
///
/// Both: never a path in [`UNNORMALIZED_PATH`]'s form.
fn open_paths(access: &AccessRules) -> Option<String> {
    let normalized = format!("!PathRegexp(`{UNNORMALIZED_PATH}`)");
    if !access.protect_paths.is_empty() {
        // Without its trailing slash: `/admin/` protects `/admin` too, which
        // most upstreams serve as the same page.
        let prefixes: Vec<String> = access
            .protect_paths
            .iter()
            .map(|p| p.trim_end_matches('/').replace('.', r"\."))
            .collect();
        return Some(format!(
            "!PathRegexp(`(?i)^({})`) && {normalized}",
            prefixes.join("|")
        ));
    }
    if access.public_paths.is_empty() {
        return None;
    }
    let matchers = access
        .public_paths
        .iter()
        .flat_map(|prefix| match prefix.strip_suffix('/') {
            Some(_) => vec![format!("PathPrefix(`{prefix}`)")],
            None => vec![
                format!("Path(`{prefix}`)"),
                format!("PathPrefix(`{prefix}/`)"),
            ],
        })
        .collect();
    Some(format!("{} && {normalized}", any_of(matchers)))
}

/// The configuration of an application with the given credentials (sorted
/// by username) at time `now` (as stored: RFC 3339 UTC), or `None` when there
/// is nothing to write: an application with external routing and no
/// credentials has no file (unless it is private). Credentials expired at
/// `now` are left out; when every credential has expired, or a private
/// application has none, the application is locked (see [`LOCKED_HASH`]).
///
/// Managed routing with access rules adds routers of the same application
/// (docs/guide.md, "Open parts of an app"), each with the main router's hosts, entry
/// points and TLS, its rule narrowed by one condition, and an explicit
/// priority. They exist only while the middleware does: without
/// credentials everything is public anyway, and no router ever names a
/// middleware that does not exist (Traefik would drop it: 404).
pub fn render(app: &Application, credentials: &[Credential], now: &str) -> Option<DynamicConfig> {
    let mut http = HttpConfig::default();
    // An expired credential is never published; an application whose
    // credentials have all expired stays locked rather than turning public,
    // and so does a private one without credentials.
    let mut users: Vec<String> = credentials
        .iter()
        .filter(|c| !c.is_expired(now))
        .map(|c| format!("{}:{}", c.username, c.password_hash))
        .collect();
    if users.is_empty() && (app.private || !credentials.is_empty()) {
        users.push(format!("{LOCKED_USERNAME}:{LOCKED_HASH}"));
    }
    if !users.is_empty() {
        http.middlewares.insert(
            app.middleware_name(),
            Middleware::basic_auth(BasicAuth {
                realm: app.realm_or_default().to_string(),
                remove_header: true,
                users,
            }),
        );
    }
    if app.has_managed_routing() && !app.upstreams.is_empty() {
        let hosts: Vec<String> = app.domains.iter().map(|d| format!("Host(`{d}`)")).collect();
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
        let auth: Vec<String> = http.middlewares.keys().cloned().collect();
        let router = |rule: String, middlewares: Vec<String>, priority: Option<u32>| Router {
            rule,
            priority,
            entry_points: app.entrypoints.clone(),
            service: app.app_name.clone(),
            middlewares,
            tls: tls.clone(),
        };
        let rules = &app.access;
        let main = hosts.join(" || ");
        if auth.is_empty() || rules.is_empty() {
            http.routers
                .insert(app.app_name.clone(), router(main, auth, None));
        } else {
            http.routers.insert(
                app.app_name.clone(),
                router(main, auth, Some(PRIORITY_MAIN)),
            );
            let mut open = |suffix: &str, condition: String| {
                http.routers.insert(
                    format!("{}.{suffix}", app.app_name),
                    router(
                        format!(
                            "{} && {condition} && !HeaderRegexp(`Authorization`, `{BASIC_CREDENTIALS}`)",
                            any_of(hosts.clone())
                        ),
                        Vec::new(),
                        Some(PRIORITY_OPEN),
                    ),
                );
            };
            if let Some(paths) = open_paths(rules) {
                open("public", paths);
            }
            if !rules.trusted_networks.is_empty() {
                let networks = rules
                    .trusted_networks
                    .iter()
                    .map(|n| format!("ClientIP(`{n}`)"))
                    .collect();
                open("trusted", any_of(networks));
            }
            if rules.allow_preflight {
                open("preflight", "Method(`OPTIONS`)".to_string());
            }
        }
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
    render_bans(app, &mut http);
    if http.routers.is_empty() && http.middlewares.is_empty() {
        return None;
    }
    Some(DynamicConfig { http })
}

/// The routers that refuse the clients the guard banned (`app.banned`):
/// on the application's hosts (its domains, or the hosts an application
/// with external routing declares; without hosts there is nothing to
/// match), from those addresses (`ClientIP`: the connection's address,
/// which no header changes), above every other router. With managed
/// routing, on its entry points and with its TLS; with external routing,
/// whose router is unknown here, on every entry point, with and without
/// TLS.
fn render_bans(app: &Application, http: &mut HttpConfig) {
    let hosts = if app.has_managed_routing() {
        &app.domains
    } else {
        &app.hosts
    };
    if app.banned.is_empty() || hosts.is_empty() {
        return;
    }
    let rule = format!(
        "{} && {}",
        any_of(hosts.iter().map(|h| format!("Host(`{h}`)")).collect()),
        any_of(
            app.banned
                .iter()
                .map(|n| format!("ClientIP(`{n}`)"))
                .collect()
        )
    );
    let middleware = ban_middleware_name(&app.app_name);
    let router = |tls: Option<RouterTls>, entry_points: Vec<String>| Router {
        rule: rule.clone(),
        priority: Some(PRIORITY_BANNED),
        entry_points,
        service: "noop@internal".to_string(),
        middlewares: vec![middleware.clone()],
        tls,
    };
    if app.has_managed_routing() {
        let tls = http.routers.get(&app.app_name).and_then(|r| r.tls.clone());
        http.routers.insert(
            format!("{}.banned", app.app_name),
            router(tls, app.entrypoints.clone()),
        );
    } else {
        http.routers
            .insert(format!("{}.banned", app.app_name), router(None, Vec::new()));
        http.routers.insert(
            format!("{}.banned-tls", app.app_name),
            router(
                Some(RouterTls {
                    cert_resolver: None,
                    options: Some("default".to_string()),
                }),
                Vec::new(),
            ),
        );
    }
    http.middlewares.insert(
        middleware,
        Middleware {
            basic_auth: None,
            ip_allow_list: Some(IpAllowList {
                source_range: ADMITS_NOBODY.iter().map(|s| s.to_string()).collect(),
                reject_status_code: BANNED_STATUS,
            }),
        },
    );
}

/// The first line of every file authgate writes; `sync` and `check` use it
/// to recognise authgate's files.
pub(crate) const HEADER: &str = "# Managed by authgate. Generated from its database and overwritten on every change: do not edit.";

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

    const ANONYMOUS: &str = r"!HeaderRegexp(`Authorization`, `(?i)^\s*basic`)";

    fn app(domains: &[&str]) -> Application {
        Application {
            application_id: "app-1".into(),
            app_name: "shop".into(),
            name: "Shop".into(),
            org_id: "o".into(),
            project: "p".into(),
            environment: "e".into(),
            environment_id: "e1".into(),
            project_id: "p".into(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            hosts: Vec::new(),
            upstreams: if domains.is_empty() {
                vec![]
            } else {
                vec!["http://10.0.0.5:3000".into()]
            },
            entrypoints: vec![],
            tls: false,
            cert_resolver: None,
            realm: None,
            access: Default::default(),
            guard: true,
            guard_max_failures: None,
            banned: Vec::new(),
            fast_auth: false,
            private: false,
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
            expires_at: None,
            weak: false,
            withdrawn_at: None,
        }
    }

    const NOW: &str = "2026-12-01T12:00:00.000Z";

    #[test]
    fn expired_credentials_are_left_out_and_all_expired_locks() {
        let mut old = cred("old");
        old.expires_at = Some("2026-12-01T11:59:59.999Z".into());
        let mut later = cred("later");
        later.expires_at = Some("2026-12-01T12:00:00.001Z".into());
        let a = app(&["a.example"]);
        let cfg = render(&a, &[later.clone(), old.clone()], NOW).unwrap();
        let users = &cfg.http.middlewares["shop-auth"]
            .basic_auth
            .as_ref()
            .unwrap()
            .users;
        assert_eq!(users.len(), 1);
        assert!(users[0].starts_with("later:"));
        let locked = render(&a, &[old], NOW).unwrap();
        assert_eq!(
            locked.http.middlewares["shop-auth"]
                .basic_auth
                .as_ref()
                .unwrap()
                .users,
            [format!("{LOCKED_USERNAME}:{LOCKED_HASH}")]
        );
        assert_eq!(locked.http.routers["shop"].middlewares, ["shop-auth"]);
    }

    #[test]
    fn a_private_app_without_credentials_is_locked_and_with_them_protected() {
        for domains in [&["a.example"][..], &[]] {
            let mut a = app(domains);
            a.private = true;
            let closed = render(&a, &[], NOW).unwrap();
            assert_eq!(
                closed.http.middlewares["shop-auth"]
                    .basic_auth
                    .as_ref()
                    .unwrap()
                    .users,
                [format!("{LOCKED_USERNAME}:{LOCKED_HASH}")]
            );
            if !domains.is_empty() {
                assert_eq!(closed.http.routers["shop"].middlewares, ["shop-auth"]);
            }
            let open = render(&a, &[cred("admin")], NOW).unwrap();
            let users = &open.http.middlewares["shop-auth"]
                .basic_auth
                .as_ref()
                .unwrap()
                .users;
            assert_eq!(users.len(), 1);
            assert!(users[0].starts_with("admin:$2y$"), "{users:?}");
        }
    }

    #[test]
    fn managed_routing_without_credentials_has_no_middleware() {
        let cfg = render(&app(&["a.example", "b.example"]), &[], NOW).unwrap();
        let r = &cfg.http.routers["shop"];
        assert_eq!(r.rule, "Host(`a.example`) || Host(`b.example`)");
        assert!(r.middlewares.is_empty());
        assert!(cfg.http.middlewares.is_empty());
        let yaml = to_yaml(&app(&["a.example"]), &cfg).unwrap();
        assert!(!yaml.contains("middlewares"), "{yaml}");
    }

    #[test]
    fn managed_routing_with_credentials_attaches_the_middleware() {
        let cfg = render(&app(&["a.example"]), &[cred("admin"), cred("bob")], NOW).unwrap();
        assert_eq!(cfg.http.routers["shop"].middlewares, vec!["shop-auth"]);
        let users = &cfg.http.middlewares["shop-auth"]
            .basic_auth
            .as_ref()
            .unwrap()
            .users;
        assert_eq!(users.len(), 2);
        assert!(users[0].starts_with("admin:$2y$"));
    }

    #[test]
    fn external_routing_holds_only_the_middleware_and_nothing_without_credentials() {
        assert!(render(&app(&[]), &[], NOW).is_none());
        let cfg = render(&app(&[]), &[cred("admin")], NOW).unwrap();
        assert!(cfg.http.routers.is_empty() && cfg.http.services.is_empty());
        let yaml = to_yaml(&app(&[]), &cfg).unwrap();
        assert!(!yaml.contains("routers") && !yaml.contains("{}"), "{yaml}");
    }

    #[test]
    fn a_protected_prefix_with_a_trailing_slash_protects_the_path_itself() {
        let access = crate::store::applications::AccessRules {
            protect_paths: vec!["/admin/".into()],
            ..Default::default()
        };
        let rule = open_paths(&access).unwrap();
        assert!(rule.starts_with("!PathRegexp(`(?i)^(/admin)`)"), "{rule}");
    }

    #[test]
    fn tls_is_never_an_empty_map() {
        let mut a = app(&["a.example"]);
        a.tls = true;
        let yaml = to_yaml(&a, &render(&a, &[], NOW).unwrap()).unwrap();
        assert!(yaml.contains("options: default"), "{yaml}");
        assert!(!yaml.contains("{}"));
    }

    fn with_rules(
        domains: &[&str],
        access: crate::store::applications::AccessRules,
    ) -> Application {
        let mut a = app(domains);
        a.access = access;
        a.entrypoints = vec!["websecure".into()];
        a.cert_resolver = Some("le".into());
        a.tls = true;
        a
    }

    fn rules() -> crate::store::applications::AccessRules {
        Default::default()
    }

    /// What every configuration must hold: routers only for the app's own
    /// hosts, with its entry points and TLS, naming only middlewares that
    /// exist, under names that are the application's.
    fn assert_well_formed(a: &Application, cfg: &DynamicConfig) {
        let names = router_names(&a.app_name);
        let main = &cfg.http.routers[&a.app_name];
        for (name, r) in &cfg.http.routers {
            assert!(names.contains(name), "{name}");
            let mut named = rules::Router {
                rule: Some(r.rule.clone()),
                ..Default::default()
            }
            .named_hosts()
            .expect("authgate's routers name their hosts");
            named.sort();
            named.dedup();
            assert_eq!(named, {
                let mut d = a.domains.clone();
                d.sort();
                d
            });
            assert_eq!(r.entry_points, main.entry_points);
            assert_eq!(r.tls, main.tls);
            assert_eq!(r.service, a.app_name);
            for m in &r.middlewares {
                assert!(cfg.http.middlewares.contains_key(m), "{name} names {m}");
            }
            if name != &a.app_name {
                assert!(r.rule.contains(" && "), "{name}: {}", r.rule);
                assert!(r.priority > main.priority, "{name}");
                assert!(r.middlewares.is_empty(), "{name}");
            }
        }
    }

    #[test]
    fn public_paths_skip_the_middleware_above_the_main_router() {
        let a = with_rules(
            &["a.example"],
            AccessRulesBuilder::new()
                .public(&["/static", "/assets/", "/.well-known"])
                .build(),
        );
        let cfg = render(&a, &[cred("admin")], NOW).unwrap();
        assert_well_formed(&a, &cfg);
        let main = &cfg.http.routers["shop"];
        assert_eq!(main.rule, "Host(`a.example`)");
        assert_eq!(main.middlewares, ["shop-auth"]);
        assert_eq!(main.priority, Some(PRIORITY_MAIN));
        let public = &cfg.http.routers["shop.public"];
        assert_eq!(
            public.rule,
            format!(
                "Host(`a.example`) && (Path(`/static`) || PathPrefix(`/static/`) || PathPrefix(`/assets/`) || Path(`/.well-known`) || PathPrefix(`/.well-known/`)) && !PathRegexp(`{UNNORMALIZED_PATH}`) && {ANONYMOUS}"
            )
        );
        assert!(public.middlewares.is_empty());
        assert_eq!(public.priority, Some(PRIORITY_OPEN));
        assert_eq!(cfg.http.routers.len(), 2);
        let yaml = to_yaml(&a, &cfg).unwrap();
        assert!(yaml.contains("priority: 10010"), "{yaml}");
        let back: serde_json::Value = serde_norway::from_str(&yaml).unwrap();
        assert_eq!(back["http"]["routers"]["shop.public"]["rule"], public.rule);
    }

    #[test]
    fn protected_paths_leave_only_the_other_paths_open() {
        let a = with_rules(
            &["a.example", "b.example"],
            AccessRulesBuilder::new()
                .protect(&["/admin", "/api/v1.2/"])
                .trusted(&["10.0.0.0/8", "2001:db8::/32"])
                .preflight()
                .build(),
        );
        let cfg = render(&a, &[cred("admin")], NOW).unwrap();
        assert_well_formed(&a, &cfg);
        let main = &cfg.http.routers["shop"];
        assert_eq!(main.rule, "Host(`a.example`) || Host(`b.example`)");
        assert_eq!(main.middlewares, ["shop-auth"]);
        let public = &cfg.http.routers["shop.public"];
        assert_eq!(
            public.rule,
            format!(
                "(Host(`a.example`) || Host(`b.example`)) && !PathRegexp(`(?i)^(/admin|/api/v1\\.2)`) && !PathRegexp(`{UNNORMALIZED_PATH}`) && {ANONYMOUS}"
            )
        );
        let trusted = &cfg.http.routers["shop.trusted"];
        assert_eq!(
            trusted.rule,
            format!(
                "(Host(`a.example`) || Host(`b.example`)) && (ClientIP(`10.0.0.0/8`) || ClientIP(`2001:db8::/32`)) && {ANONYMOUS}"
            )
        );
        let preflight = &cfg.http.routers["shop.preflight"];
        assert_eq!(
            preflight.rule,
            format!("(Host(`a.example`) || Host(`b.example`)) && Method(`OPTIONS`) && {ANONYMOUS}")
        );
        for r in [public, trusted, preflight] {
            assert!(r.middlewares.is_empty());
            assert_eq!(r.priority, Some(PRIORITY_OPEN));
        }
        let kv = kv::flatten("traefik", &cfg).unwrap();
        assert_eq!(kv["traefik/http/routers/shop.trusted/priority"], "10010");
        assert_eq!(kv["traefik/http/routers/shop/priority"], "10000");
    }

    /// The `PathRegexp` patterns a rule negates: a path any of them matches
    /// is not taken by the router.
    fn negated_path_patterns(rule: &str) -> Vec<regex::Regex> {
        rule.split("!PathRegexp(`")
            .skip(1)
            .map(|rest| regex::Regex::new(&rest[..rest.find("`)").unwrap()]).unwrap())
            .collect()
    }

    /// Traefik may match a path as it came or percent-decoded: the open
    /// router must refuse both.
    fn percent_decoded(path: &str) -> String {
        let bytes = path.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'%', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn no_spelling_of_a_protected_path_is_taken_by_the_open_router() {
        let a = with_rules(
            &["a.example"],
            AccessRulesBuilder::new().protect(&["/admin"]).build(),
        );
        let cfg = render(&a, &[cred("admin")], NOW).unwrap();
        let refused = negated_path_patterns(&cfg.http.routers["shop.public"].rule);
        assert_eq!(refused.len(), 2);
        let taken = |path: &str| !refused.iter().any(|re| re.is_match(path));
        for path in [
            "/admin",
            "/;/admin",
            "/;jsessionid=1/admin",
            "/;a=b;c/admin/users",
            "/;/ADMIN/x",
            "/%3B/admin",
            "/%3b/admin",
            "/admin;x",
            "/.;/admin",
            "/x/..;/admin",
            "//admin",
            "/./admin",
            "/%2e/admin",
            "/Admin",
            "/%61dmin",
            "/admin%2f",
            "/%2Fadmin",
            "/\\admin",
        ] {
            for spelling in [path.to_string(), percent_decoded(path)] {
                assert!(!taken(&spelling), "{spelling} skips authentication");
            }
        }
        for path in ["/", "/adm", "/shop/admin", "/static/app.v1.js", "/a-b_c~d"] {
            assert!(taken(path), "{path} needs authentication");
        }
    }

    #[test]
    fn a_path_parameter_never_makes_a_request_look_public() {
        let a = with_rules(
            &["a.example"],
            AccessRulesBuilder::new().public(&["/static"]).build(),
        );
        let cfg = render(&a, &[cred("admin")], NOW).unwrap();
        let refused = negated_path_patterns(&cfg.http.routers["shop.public"].rule);
        for path in [
            "/static;/../admin",
            "/static/;/../admin",
            "/static/..;/admin",
            "/static;x",
            "/static/x;y",
            "/static%3B/../admin",
        ] {
            for spelling in [path.to_string(), percent_decoded(path)] {
                assert!(
                    refused.iter().any(|re| re.is_match(&spelling)),
                    "{spelling} looks public"
                );
            }
        }
        assert!(!refused.iter().any(|re| re.is_match("/static/app.js")));
    }

    #[test]
    fn without_credentials_or_rules_there_is_only_the_main_router_without_priority() {
        let a = with_rules(
            &["a.example"],
            AccessRulesBuilder::new()
                .protect(&["/admin"])
                .preflight()
                .build(),
        );
        let cfg = render(&a, &[], NOW).unwrap();
        assert_eq!(cfg.http.routers.len(), 1);
        assert_eq!(cfg.http.routers["shop"].priority, None);
        assert!(cfg.http.routers["shop"].middlewares.is_empty());
        let plain = with_rules(&["a.example"], rules());
        let cfg = render(&plain, &[cred("admin")], NOW).unwrap();
        assert_eq!(cfg.http.routers.len(), 1);
        assert_eq!(cfg.http.routers["shop"].priority, None);
        assert!(!to_yaml(&plain, &cfg).unwrap().contains("priority"));
    }

    #[test]
    fn extra_router_names_cannot_be_an_application_name() {
        for name in router_names("shop").iter().skip(1) {
            assert!(crate::domain::validate::app_name(name).is_err(), "{name}");
        }
    }

    struct AccessRulesBuilder(crate::store::applications::AccessRules);

    impl AccessRulesBuilder {
        fn new() -> Self {
            AccessRulesBuilder(rules())
        }
        fn public(mut self, p: &[&str]) -> Self {
            self.0.public_paths = p.iter().map(|s| s.to_string()).collect();
            self
        }
        fn protect(mut self, p: &[&str]) -> Self {
            self.0.protect_paths = p.iter().map(|s| s.to_string()).collect();
            self
        }
        fn trusted(mut self, n: &[&str]) -> Self {
            self.0.trusted_networks = n.iter().map(|s| s.to_string()).collect();
            self
        }
        fn preflight(mut self) -> Self {
            self.0.allow_preflight = true;
            self
        }
        fn build(self) -> crate::store::applications::AccessRules {
            self.0
        }
    }
}
