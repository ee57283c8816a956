//! Traefik's own API: what an instance really serves (`/api/rawdata`), read
//! with short timeouts and a bound on the answer.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

/// The most a request to an instance's API takes, per step.
const TIMEOUT: Duration = Duration::from_secs(2);
/// The most an answer is read: far above the dynamic configuration of any
/// installation authgate serves.
const MAX_ANSWER: u64 = 64 << 20;

/// What an instance serves, as its API reports it: every router,
/// middleware and service, named `<name>@<provider>`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct RawData {
    #[serde(default)]
    pub(crate) routers: BTreeMap<String, ApiRouter>,
    #[serde(default)]
    pub(crate) middlewares: BTreeMap<String, ApiMiddleware>,
    #[serde(default)]
    pub(crate) services: BTreeMap<String, ApiService>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ApiRouter {
    #[serde(default)]
    pub(crate) entry_points: Vec<String>,
    #[serde(default)]
    pub(crate) middlewares: Vec<String>,
    #[serde(default)]
    pub(crate) service: String,
    #[serde(default)]
    pub(crate) rule: String,
    #[serde(default)]
    pub(crate) priority: Option<i64>,
    #[serde(default)]
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) error: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ApiMiddleware {
    #[serde(default)]
    pub(crate) basic_auth: Option<ApiBasicAuth>,
    #[serde(default)]
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) error: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ApiBasicAuth {
    #[serde(default)]
    pub(crate) users: Vec<String>,
    #[serde(default)]
    pub(crate) realm: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ApiService {
    #[serde(default)]
    pub(crate) status: String,
    #[serde(default)]
    pub(crate) error: Vec<String>,
}

/// How to reach one instance's API.
pub(crate) struct Client {
    base: String,
    authorization: Option<String>,
    agent: ureq::Agent,
}

impl Client {
    /// A client of the API at `base` (`http://127.0.0.1:8080`), with basic
    /// auth when `credentials` (user, password) are given.
    pub(crate) fn new(base: &str, credentials: Option<(&str, &str)>) -> Client {
        use base64::Engine;
        let agent = ureq::Agent::config_builder()
            .timeout_resolve(Some(TIMEOUT))
            .timeout_connect(Some(TIMEOUT))
            .timeout_per_read(Some(TIMEOUT))
            .timeout_per_write(Some(TIMEOUT))
            .timeout_per_call(Some(TIMEOUT * 5))
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(None)
            .build()
            .into();
        Client {
            base: base.trim_end_matches('/').to_string(),
            authorization: credentials.map(|(user, password)| {
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
                )
            }),
            agent,
        }
    }

    /// What the instance serves now, or why it cannot be read.
    pub(crate) fn raw_data(&self) -> std::result::Result<RawData, String> {
        let text = self.get("/api/rawdata")?;
        serde_json::from_str(&text)
            .map_err(|e| format!("its /api/rawdata is not Traefik's JSON: {e}"))
    }

    /// Traefik's version, to check an API is one.
    pub(crate) fn version(&self) -> std::result::Result<String, String> {
        #[derive(Deserialize)]
        struct Version {
            #[serde(rename = "Version")]
            version: String,
        }
        let text = self.get("/api/version")?;
        serde_json::from_str::<Version>(&text)
            .map(|v| v.version)
            .map_err(|_| "its /api/version is not Traefik's: is this Traefik's API?".to_string())
    }

    fn get(&self, path: &str) -> std::result::Result<String, String> {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let mut response = request.call().map_err(|e| format!("unreachable: {e}"))?;
        let status = response.status().as_u16();
        if status == 401 || status == 403 {
            return Err(format!(
                "HTTP {status}: the API refuses authgate (its basic-auth user and password?)"
            ));
        }
        if status != 200 {
            return Err(format!("HTTP {status} for {path}"));
        }
        response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => {
                    format!("its answer is larger than {} MiB", MAX_ANSWER >> 20)
                }
                e => format!("cannot read its answer: {e}"),
            })
    }
}
