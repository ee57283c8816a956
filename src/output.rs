//! Printing records and lists as a table, JSON or YAML. Data goes to stdout;
//! warnings and errors go to stderr. Tables are derived from the same serde
//! representation as JSON, so every format carries the same fields.

use std::io::{IsTerminal, Write};

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Printer {
    pub format: Format,
    /// Only ids on stdout, one per line.
    pub quiet: bool,
    pub no_warnings: bool,
}

fn to_value<T: Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value)
        .map_err(|e| Error::internal(format!("cannot serialize output: {e}")))
}

/// camelCase field name to a table header: `securityId` → `SECURITY ID`.
fn header(field: &str) -> String {
    let mut out = String::new();
    for (i, c) in field.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_uppercase());
    }
    out
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "-".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.is_empty() => "-".to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// NO_COLOR set to a non-empty value turns colour and text attributes off
/// (<https://no-color.org>).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn new_table() -> Table {
    let mut table = Table::new();
    if std::io::stdout().is_terminal() {
        table.load_style(presets::UTF8_FULL_CONDENSED);
        // Fit the terminal; a pseudo-terminal without a size reports 0
        // columns, which would squeeze every column to one character.
        match table.width() {
            Some(width) if width > 0 => {
                table
                    .set_width(width)
                    .set_content_arrangement(ContentArrangement::Dynamic);
            }
            _ => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        if no_color() {
            // Borders stay, but comfy-table styles nothing: it styles only
            // what it takes for a terminal.
            table.force_no_tty();
        }
    } else {
        // Plain columns for pipes: easy to grep and cut, never styled.
        table.load_style(presets::NOTHING).force_no_tty();
    }
    table
}

/// A header cell: bold where the table is styled (a terminal without
/// NO_COLOR); comfy-table drops the attribute everywhere else.
fn heading(text: String) -> Cell {
    Cell::new(text).add_attribute(Attribute::Bold)
}

impl Printer {
    fn emit(&self, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is not an error worth reporting.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn structured(&self, value: &Value) -> Result<String> {
        match self.format {
            Format::Json => serde_json::to_string_pretty(value)
                .map(|s| s + "\n")
                .map_err(|e| Error::internal(format!("cannot print JSON: {e}"))),
            Format::Yaml => serde_norway::to_string(value)
                .map_err(|e| Error::internal(format!("cannot print YAML: {e}"))),
            Format::Table => unreachable!("tables are built separately"),
        }
    }

    /// Prints one record: an object in JSON/YAML, a two-column table.
    /// `id_field` is what `--quiet` prints.
    pub fn record<T: Serialize>(&self, value: &T, id_field: &str) -> Result<()> {
        let value = to_value(value)?;
        if self.quiet {
            return self.emit(&format!("{}\n", cell(value.get(id_field))));
        }
        if self.format != Format::Table {
            return self.emit(&self.structured(&value)?);
        }
        let mut table = new_table();
        if let Value::Object(map) = &value {
            for (k, v) in map {
                table.add_row(vec![heading(header(k)), Cell::new(cell(Some(v)))]);
            }
        }
        self.emit(&format!("{table}\n"))
    }

    /// Prints a list: an array in JSON/YAML, a table with `columns`.
    pub fn list<T: Serialize>(&self, values: &[T], columns: &[&str], id_field: &str) -> Result<()> {
        let values = values.iter().map(to_value).collect::<Result<Vec<_>>>()?;
        if self.quiet {
            let ids: String = values
                .iter()
                .map(|v| format!("{}\n", cell(v.get(id_field))))
                .collect();
            return self.emit(&ids);
        }
        if self.format != Format::Table {
            return self.emit(&self.structured(&Value::Array(values))?);
        }
        if values.is_empty() {
            return Ok(());
        }
        let mut table = new_table();
        table.set_header(
            columns
                .iter()
                .map(|c| heading(header(c)))
                .collect::<Vec<_>>(),
        );
        for v in &values {
            table.add_row(columns.iter().map(|c| cell(v.get(*c))).collect::<Vec<_>>());
        }
        self.emit(&format!("{table}\n"))
    }

    /// A human message on stderr (not data).
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    pub fn warn(&self, message: &str) {
        if !(self.quiet && self.no_warnings) {
            eprintln!("warning: {message}");
        }
    }

    /// Prints an error on stderr: `{"error":{...}}` with `-o json`.
    pub fn error(&self, error: &Error) {
        if self.format == Format::Json {
            let body = serde_json::json!({
                "error": {"code": error.code().as_str(), "message": error.to_string()}
            });
            eprintln!("{body}");
        } else {
            eprintln!("error: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_camel_case() {
        assert_eq!(header("securityId"), "SECURITY ID");
        assert_eq!(header("appName"), "APP NAME");
        assert_eq!(header("tls"), "TLS");
    }

    #[test]
    fn cells_render_lists_and_nulls() {
        assert_eq!(cell(None), "-");
        assert_eq!(cell(Some(&serde_json::json!(["a", "b"]))), "a, b");
        assert_eq!(cell(Some(&serde_json::json!(true))), "true");
    }
}
