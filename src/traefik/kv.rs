//! Traefik's key-value layout of the same typed model the directory sink
//! writes as YAML: one shared model, two encoders. `flatten` walks the
//! model's serde representation, so a field added to the model appears in
//! both encodings, spelled the same way (`basicAuth/users/0`,
//! `routers/<r>/middlewares/0`, `loadBalancer/servers/0/url`, ...).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::traefik::DynamicConfig;

/// The keys and values of a configuration under `root` (e.g. `traefik`).
pub(crate) fn flatten(root: &str, config: &DynamicConfig) -> Result<BTreeMap<String, String>> {
    let value = serde_json::to_value(config)
        .map_err(|e| Error::internal(format!("cannot encode the configuration: {e}")))?;
    let mut out = BTreeMap::new();
    walk(root.to_string(), &value, &mut out);
    Ok(out)
}

fn walk(prefix: String, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                walk(format!("{prefix}/{k}"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(format!("{prefix}/{i}"), v, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix, s.clone());
        }
        Value::Null => {}
        other => {
            out.insert(prefix, other.to_string());
        }
    }
}

/// Rebuilds a JSON value from keys under `root`: numeric path segments
/// become arrays, "true"/"false" booleans, the rest strings. The inverse of
/// `flatten` for authgate's model; used to compare what a Redis server holds
/// with what the YAML file holds.
pub fn unflatten<'a>(root: &str, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Value {
    let mut tree = Value::Object(Default::default());
    for (key, value) in pairs {
        let Some(path) = key.strip_prefix(root).and_then(|k| k.strip_prefix('/')) else {
            continue;
        };
        let mut node = &mut tree;
        for segment in path.split('/') {
            node = node
                .as_object_mut()
                .expect("objects all the way down")
                .entry(segment.to_string())
                .or_insert_with(|| Value::Object(Default::default()));
        }
        *node = match value {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => Value::String(other.to_string()),
        };
    }
    arrays(tree)
}

/// Objects whose keys are exactly 0..n become arrays.
fn arrays(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let is_array =
                !map.is_empty() && (0..map.len()).all(|i| map.contains_key(&i.to_string()));
            if is_array {
                let mut items: Vec<(usize, Value)> = map
                    .into_iter()
                    .map(|(k, v)| (k.parse().unwrap_or(0), arrays(v)))
                    .collect();
                items.sort_by_key(|(i, _)| *i);
                Value::Array(items.into_iter().map(|(_, v)| v).collect())
            } else {
                Value::Object(map.into_iter().map(|(k, v)| (k, arrays(v))).collect())
            }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traefik::{BasicAuth, HttpConfig, Middleware};

    #[test]
    fn flatten_and_unflatten_round_trip() {
        let mut http = HttpConfig::default();
        http.middlewares.insert(
            "shop-auth".into(),
            Middleware {
                basic_auth: Some(BasicAuth {
                    realm: "shop".into(),
                    remove_header: true,
                    users: vec!["a:$2y$x".into(), "b:{SHA}y".into()],
                }),
                ip_allow_list: None,
            },
        );
        let config = DynamicConfig { http };
        let kv = flatten("traefik", &config).unwrap();
        assert_eq!(
            kv.keys().collect::<Vec<_>>(),
            [
                "traefik/http/middlewares/shop-auth/basicAuth/realm",
                "traefik/http/middlewares/shop-auth/basicAuth/removeHeader",
                "traefik/http/middlewares/shop-auth/basicAuth/users/0",
                "traefik/http/middlewares/shop-auth/basicAuth/users/1",
            ]
        );
        assert_eq!(
            kv["traefik/http/middlewares/shop-auth/basicAuth/removeHeader"],
            "true"
        );
        let back = unflatten("traefik", kv.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, serde_json::to_value(&config).unwrap());
    }
}
