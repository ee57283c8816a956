//! Printing a dry run (`--dry-run`): the unified diff of each Traefik file a
//! mutation would write or remove, and the keys it would set and delete in
//! each key-value sink, every hash masked as its scheme (ARCHITECTURE.md,
//! "The unit of work"). The diff is made from the real texts, so a line
//! whose hash alone changes shows as removed and added, with the same
//! masked text.

use serde::Serialize;
use serde_json::{Map, Value};
use similar::TextDiff;

use crate::cli::commands::Context;
use crate::cli::output::Format;
use authgate::domain::password::scheme::mask;
use authgate::domain::session::Change;
use authgate::domain::session::Session;
use authgate::error::{Error, Result};

/// The unified diff of a file of the watched directory, headed
/// `--- a/NAME` / `+++ b/NAME` (`/dev/null` for a file that does not exist
/// before, or is removed), hashes masked.
pub(crate) fn file_diff(name: &str, before: Option<&str>, after: Option<&str>) -> String {
    let old = before.map_or("/dev/null".to_string(), |_| format!("a/{name}"));
    let new = after.map_or("/dev/null".to_string(), |_| format!("b/{name}"));
    let diff = TextDiff::from_lines(before.unwrap_or(""), after.unwrap_or(""));
    mask(&diff.unified_diff().header(&old, &new).to_string())
}

/// The text of one change, as the table format prints it.
fn text_of(change: &Change) -> String {
    match change {
        Change::File {
            name,
            before,
            after,
            ..
        } => file_diff(name, before.as_deref(), after.as_deref()),
        Change::Keys {
            sink,
            kind,
            endpoint,
            app_name,
            set,
            delete,
        } => {
            let mut lines: Vec<(&String, String)> = set
                .iter()
                .map(|(key, (now, value))| {
                    let was = now
                        .as_ref()
                        .map(|v| format!(" (was {})", mask(v)))
                        .unwrap_or_default();
                    (key, format!("  set    {key} = {}{was}\n", mask(value)))
                })
                .chain(delete.keys().map(|key| (key, format!("  delete {key}\n"))))
                .collect();
            lines.sort();
            let mut text = format!("{kind} sink '{sink}' at {endpoint}, keys of {app_name}:\n");
            text.extend(lines.into_iter().map(|(_, line)| line));
            text
        }
    }
}

/// One change as JSON and YAML give it.
fn value_of(change: &Change) -> Value {
    match change {
        Change::File {
            name,
            before,
            after,
            ..
        } => serde_json::json!({
            "sink": "file",
            "path": name,
            "action": match (before, after) {
                (None, _) => "create",
                (_, None) => "remove",
                _ => "change",
            },
            "diff": file_diff(name, before.as_deref(), after.as_deref()),
        }),
        Change::Keys {
            sink,
            kind,
            endpoint,
            app_name,
            set,
            delete,
        } => serde_json::json!({
            "sink": sink,
            "kind": kind,
            "endpoint": endpoint,
            "appName": app_name,
            "set": set
                .iter()
                .map(|(k, (_, v))| (k.clone(), Value::String(mask(v))))
                .collect::<Map<_, _>>(),
            "delete": delete.keys().collect::<Vec<_>>(),
        }),
    }
}

/// Prints what the session's dry run would have changed: on stdout the
/// diffs (with `-o json` or `yaml`, `{"dryRun": true, "changes": [...]}`
/// with the fields of `extra`, an object, beside them; with `-q`,
/// nothing), then on stderr one line: `dry run: ` and `note` (what the
/// command would do, unless empty), and that nothing was changed.
pub(crate) fn print(
    ctx: &Context,
    session: &Session,
    extra: Option<&impl Serialize>,
    note: &str,
) -> Result<()> {
    let p = &ctx.printer;
    if !p.quiet {
        match p.format {
            Format::Table | Format::Wide => {
                let text: String = session.previews.iter().map(text_of).collect();
                p.text(&text)?;
            }
            _ => {
                let extra = extra
                    .map(serde_json::to_value)
                    .transpose()
                    .map_err(|e| Error::internal(format!("cannot serialize output: {e}")))?;
                let mut record = match extra {
                    Some(Value::Object(map)) => map,
                    _ => Map::new(),
                };
                record.insert("dryRun".into(), Value::Bool(true));
                record.insert(
                    "changes".into(),
                    Value::Array(session.previews.iter().map(value_of).collect()),
                );
                p.record(&Value::Object(record), "dryRun")?;
            }
        }
    }
    let mut said = vec!["dry run"];
    if !note.is_empty() {
        said.push(note);
    }
    if session.previews.is_empty() {
        said.push("no Traefik file or key would change");
    }
    p.note(&format!(
        "{}: {}",
        said.remove(0),
        [&said[..], &["nothing was changed"]].concat().join("; ")
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_diff_names_the_file_and_masks_hashes() {
        let hash = "$2y$04$abcdefghijklmnopqrstuu5Y0yTqGEm8ZQ9R3f8C3o3kqY2mQ6rK";
        let before = format!("a: 1\nusers:\n  - admin:{hash}\n");
        let after = format!("a: 1\nusers:\n  - admin:{hash}\n  - bob:{{SHA}}abc=\n");
        let diff = file_diff("shop.yml", Some(&before), Some(&after));
        assert_eq!(
            diff,
            "--- a/shop.yml\n+++ b/shop.yml\n@@ -1,3 +1,4 @@\n a: 1\n users:\n   - admin:<bcrypt>\n+  - bob:<sha1>\n"
        );
        let created = file_diff("shop.yml", None, Some("a: 1\n"));
        assert!(
            created.starts_with("--- /dev/null\n+++ b/shop.yml\n@@ -0,0 +1 @@\n+a: 1\n"),
            "{created}"
        );
        let removed = file_diff("shop.yml", Some("a: 1\n"), None);
        assert!(
            removed.starts_with("--- a/shop.yml\n+++ /dev/null\n"),
            "{removed}"
        );
    }

    #[test]
    fn keys_are_listed_in_key_order_with_masked_values() {
        let change = Change::Keys {
            sink: "r".into(),
            kind: "redis",
            endpoint: "redis://127.0.0.1:6379/0".into(),
            app_name: "shop".into(),
            set: [
                (
                    "t/b".to_string(),
                    (Some("u:$apr1$x$y".to_string()), "u:$apr1$z$w".to_string()),
                ),
                ("t/d".to_string(), (None, "v".to_string())),
            ]
            .into(),
            delete: [("t/c".to_string(), "old".to_string())].into(),
        };
        assert_eq!(
            text_of(&change),
            "redis sink 'r' at redis://127.0.0.1:6379/0, keys of shop:\n  set    t/b = u:<apr1> (was u:<apr1>)\n  delete t/c\n  set    t/d = v\n"
        );
        let value = value_of(&change);
        assert_eq!(value["set"]["t/b"], "u:<apr1>");
        assert_eq!(value["delete"], serde_json::json!(["t/c"]));
    }
}
