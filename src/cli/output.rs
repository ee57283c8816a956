//! Printing records and lists as a table, JSON or YAML. Data goes to stdout;
//! warnings and errors go to stderr. Tables are derived from the same serde
//! representation as JSON, so every format carries the same fields.

use std::io::{BufWriter, IsTerminal, Write};

use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::Value;

use authgate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Format {
    // The columns an operator reads first, wrapped to the terminal.
    #[default]
    Table,
    // Every column, ids included, however wide.
    Wide,
    Json,
    Yaml,
}

impl Format {
    /// Whether the output is a table (narrow or wide).
    pub(crate) fn is_table(self) -> bool {
        matches!(self, Format::Table | Format::Wide)
    }
}

/// The columns of a list: `+name` only in `-o wide`.
fn shown_columns(columns: &[&'static str], format: Format) -> Vec<&'static str> {
    columns
        .iter()
        .filter_map(|c| match c.strip_prefix('+') {
            Some(wide) => (format == Format::Wide).then_some(wide),
            None => Some(*c),
        })
        .collect()
}

/// The width a narrow table fits: the terminal's (a pseudo-terminal
/// without a size reports 0 columns: then 80), else `COLUMNS` when set;
/// `None`: a pipe, where rows stay whole for grep and cut.
fn table_width(table: &Table) -> Option<u16> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w > 0);
    if std::io::stdout().is_terminal() {
        return Some(table.width().filter(|w| *w > 0).or(columns).unwrap_or(80));
    }
    columns
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Printer {
    pub format: Format,
    /// Only ids on stdout, one per line.
    pub quiet: bool,
    pub no_warnings: bool,
    /// A JSON or YAML record held back until whether Traefik applies the
    /// change is known, so that the record can say it (`"applied"`).
    pub held: std::rc::Rc<std::cell::RefCell<Option<Value>>>,
}

/// Whether Traefik applies what a command published, as its record says.
pub(crate) enum Applied<'a> {
    /// The command published nothing: the record says nothing about it.
    Nothing,
    Yes,
    No(&'a Error),
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

/// A cell of a narrow list: a timestamp to the minute (`2026-12-05 01:48`),
/// since the second and the zone (UTC) rarely matter at a glance; `-o wide`
/// and the structured formats keep it whole.
fn narrow_cell(value: Option<&Value>) -> String {
    let text = cell(value);
    let b = text.as_bytes();
    let is_timestamp = b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && text.ends_with('Z');
    if is_timestamp {
        format!("{} {}", &text[..10], &text[11..16])
    } else {
        text
    }
}

/// NO_COLOR set to a non-empty value turns colour and text attributes off
/// (<https://no-color.org>).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn new_table(format: Format) -> Table {
    let mut table = Table::new();
    // A narrow table wraps its cells to fit the terminal; a wide one, or
    // one in a pipe, never does.
    match table_width(&table) {
        Some(width) if format == Format::Table => {
            table
                .set_width(width)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        _ => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if std::io::stdout().is_terminal() {
        table.load_style(presets::UTF8_FULL_CONDENSED);
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

/// Output that could not be written to stdout (other than a closed pipe).
pub(crate) fn stdout_failed(e: std::io::Error) -> Error {
    Error::internal(format!("cannot write to stdout: {e}"))
}

impl Printer {
    fn emit(&self, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is not an error worth reporting.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(stdout_failed(e)),
        }
    }

    /// Prints text as it is, on stdout.
    pub(crate) fn text(&self, text: &str) -> Result<()> {
        self.release(Applied::Nothing)?;
        self.emit(text)
    }

    fn structured(&self, value: &Value) -> Result<String> {
        match self.format {
            Format::Json => serde_json::to_string_pretty(value)
                .map(|s| s + "\n")
                .map_err(|e| Error::internal(format!("cannot print JSON: {e}"))),
            Format::Yaml => serde_norway::to_string(value)
                .map_err(|e| Error::internal(format!("cannot print YAML: {e}"))),
            Format::Table | Format::Wide => unreachable!("tables are built separately"),
        }
    }

    /// Prints one record: an object in JSON/YAML, a two-column table.
    /// `id_field` is what `--quiet` prints.
    pub(crate) fn record<T: Serialize>(&self, value: &T, id_field: &str) -> Result<()> {
        let value = to_value(value)?;
        if self.quiet {
            return self.emit(&format!("{}\n", cell(value.get(id_field))));
        }
        if !self.format.is_table() {
            // One record is held at a time: a second one is the first's
            // follow-up, and the first goes out as it is.
            if let Some(earlier) = self.held.replace(Some(value)) {
                self.emit(&self.structured(&earlier)?)?;
            }
            return Ok(());
        }
        let mut table = new_table(self.format);
        if let Value::Object(map) = &value {
            for (k, v) in map {
                table.add_row(vec![heading(header(k)), Cell::new(cell(Some(v)))]);
            }
        }
        self.emit(&format!("{table}\n"))
    }

    /// Prints the record held back, if any, saying whether Traefik applies
    /// the change (`"applied"`, and `"notApplied"` with the reason).
    pub(crate) fn release(&self, applied: Applied<'_>) -> Result<()> {
        self.release_with(applied, &[])
    }

    /// [`Printer::release`], the record saying too which sinks the change
    /// is pending in (`"pending"`), when any.
    pub(crate) fn release_with(&self, applied: Applied<'_>, pending: &[&str]) -> Result<()> {
        let Some(mut value) = self.held.take() else {
            return Ok(());
        };
        if let Value::Object(map) = &mut value {
            if !pending.is_empty() {
                map.insert("pending".into(), serde_json::json!(pending));
            }
            match applied {
                Applied::Nothing => {}
                Applied::Yes => {
                    map.insert("applied".into(), Value::Bool(true));
                }
                Applied::No(error) => {
                    map.insert("applied".into(), Value::Bool(false));
                    map.insert("notApplied".into(), Value::String(error.to_string()));
                }
            }
        }
        self.emit(&self.structured(&value)?)
    }

    /// Whether a record is held back.
    pub(crate) fn holds(&self) -> bool {
        self.held.borrow().is_some()
    }

    /// Prints a list: an array in JSON/YAML, a table with `columns` (those
    /// written `+name` only with `-o wide`).
    pub(crate) fn list<T: Serialize>(
        &self,
        values: &[T],
        columns: &[&'static str],
        id_field: &str,
    ) -> Result<()> {
        // Output keeps its order: a record held back goes first.
        self.release(Applied::Nothing)?;
        let values = values.iter().map(to_value).collect::<Result<Vec<_>>>()?;
        if self.quiet {
            let ids: String = values
                .iter()
                .map(|v| format!("{}\n", cell(v.get(id_field))))
                .collect();
            return self.emit(&ids);
        }
        if !self.format.is_table() {
            return self.emit(&self.structured(&Value::Array(values))?);
        }
        if values.is_empty() {
            return Ok(());
        }
        let columns = shown_columns(columns, self.format);
        let narrow = self.format == Format::Table;
        let mut table = new_table(self.format);
        table.set_header(
            columns
                .iter()
                .map(|c| heading(header(c)))
                .collect::<Vec<_>>(),
        );
        for v in &values {
            table.add_row(
                columns
                    .iter()
                    .map(|c| {
                        if narrow {
                            narrow_cell(v.get(*c))
                        } else {
                            cell(v.get(*c))
                        }
                    })
                    .collect::<Vec<_>>(),
            );
        }
        if narrow {
            // Names, states and times stay whole; the last column (a
            // detail, a list of domains) wraps to fit.
            let last = columns.len().saturating_sub(1);
            for column in table.column_iter_mut().take(last) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        self.emit(&format!("{table}\n"))
    }

    /// Prints a list as [`Printer::list`] does, but as `items` yields it:
    /// JSON and YAML arrays, and the ids of `--quiet`, go out through a
    /// buffer item by item, so memory does not grow with the length of the
    /// list. A table is still collected first (its columns fit every row).
    pub(crate) fn list_iter<T: Serialize>(
        &self,
        items: impl Iterator<Item = T>,
        columns: &[&'static str],
        id_field: &str,
    ) -> Result<()> {
        self.release(Applied::Nothing)?;
        if self.format.is_table() && !self.quiet {
            return self.list(&items.collect::<Vec<_>>(), columns, id_field);
        }
        let mut out = Watched {
            inner: BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
            broken_pipe: false,
        };
        let written = self
            .write_list(&mut out, items, id_field)
            .and_then(|()| out.flush().map_err(stdout_failed));
        match written {
            // A closed pipe (`| head`) is not an error worth reporting.
            Err(_) if out.broken_pipe => Ok(()),
            other => other,
        }
    }

    /// The text of a list in JSON or YAML, or its ids with `--quiet`, written
    /// to `out` item by item: the same text as [`Printer::list`] prints.
    fn write_list<T: Serialize>(
        &self,
        out: &mut impl Write,
        items: impl Iterator<Item = T>,
        id_field: &str,
    ) -> Result<()> {
        if self.quiet {
            for item in items {
                let value = to_value(&item)?;
                writeln!(out, "{}", cell(value.get(id_field))).map_err(stdout_failed)?;
            }
            return Ok(());
        }
        let items = Streamed(std::cell::Cell::new(Some(items)));
        match self.format {
            Format::Json => serde_json::to_writer_pretty(&mut *out, &items)
                .map_err(|e| Error::internal(format!("cannot print JSON: {e}")))
                .and_then(|()| out.write_all(b"\n").map_err(stdout_failed)),
            Format::Yaml => serde_norway::to_writer(&mut *out, &items)
                .map_err(|e| Error::internal(format!("cannot print YAML: {e}"))),
            Format::Table | Format::Wide => unreachable!("tables are built separately"),
        }
    }

    /// A human message on stderr (not data).
    pub(crate) fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// Advice on stderr, such as what a choice costs: silenced like a
    /// warning, only by `-q --no-warnings` together, but not one.
    pub(crate) fn advise(&self, message: &str) {
        if !(self.quiet && self.no_warnings) {
            eprintln!("{message}");
        }
    }

    pub(crate) fn warn(&self, message: &str) {
        if !(self.quiet && self.no_warnings) {
            eprintln!("warning: {message}");
        }
    }

    /// Prints an error on stderr, and on a line of its own what would mend
    /// it: `{"error":{"code","message","hint"}}` with `-o json`.
    pub(crate) fn error(&self, error: &Error) {
        let hint = error.hint().map(crate::cli::hints::say);
        if self.format == Format::Json {
            let mut body = serde_json::json!({
                "error": {"code": error.code().as_str(), "message": error.to_string()}
            });
            // A change not applied is committed: a script must not retry it
            // as new.
            if error.code() == authgate::ErrorCode::NotApplied {
                body["error"]["applied"] = Value::Bool(false);
            }
            if let Some(hint) = hint {
                body["error"]["hint"] = Value::String(hint.to_string());
            }
            eprintln!("{body}");
        } else {
            eprintln!("error: {error}");
            if let Some(hint) = hint {
                eprintln!("hint: {hint}");
            }
        }
    }
}

/// Serializes the items of an iterator as a sequence, pulling them as the
/// serializer goes (once: a second serialization finds it empty).
struct Streamed<I>(std::cell::Cell<Option<I>>);

impl<T: Serialize, I: Iterator<Item = T>> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => serializer.collect_seq(items),
            None => serializer.collect_seq(std::iter::empty::<T>()),
        }
    }
}

/// A writer that remembers whether the reader went away, whatever the
/// serializer makes of the error.
struct Watched<W> {
    inner: W,
    broken_pipe: bool,
}

impl<W: Write> Watched<W> {
    fn watch<R>(&mut self, result: std::io::Result<R>) -> std::io::Result<R> {
        if let Err(e) = &result
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            self.broken_pipe = true;
        }
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let result = self.inner.write_all(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
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

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Item {
        security_id: String,
        user_name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        middleware: Option<String>,
        tags: Vec<String>,
    }

    fn items(n: usize) -> Vec<Item> {
        let odd = [
            "",
            "yes",
            "a: b",
            "- x",
            "{{x}}",
            "ü\n\"q\"",
            "007",
            "null",
            "#c",
        ];
        (0..n)
            .map(|i| Item {
                security_id: format!("id-{i}"),
                user_name: odd[i % odd.len()].to_string(),
                middleware: (i % 2 == 0).then(|| format!("m{i}@file")),
                tags: odd[..i % 3].iter().map(|s| s.to_string()).collect(),
            })
            .collect()
    }

    /// What `list` prints (through serde_json::Value) is exactly what
    /// `list_iter` streams, in every format and for every length.
    #[test]
    fn streamed_lists_print_the_same_text_as_collected_ones() {
        for format in [Format::Json, Format::Yaml] {
            for quiet in [false, true] {
                let p = Printer {
                    format,
                    quiet,
                    ..Printer::default()
                };
                for n in [0, 1, 2, 10] {
                    let values = items(n)
                        .iter()
                        .map(to_value)
                        .collect::<Result<Vec<_>>>()
                        .unwrap();
                    let collected = if quiet {
                        values
                            .iter()
                            .map(|v| format!("{}\n", cell(v.get("securityId"))))
                            .collect()
                    } else {
                        p.structured(&Value::Array(values)).unwrap()
                    };
                    let mut streamed = Vec::new();
                    p.write_list(&mut streamed, items(n).into_iter(), "securityId")
                        .unwrap();
                    assert_eq!(
                        String::from_utf8(streamed).unwrap(),
                        collected,
                        "{format:?}, quiet {quiet}, {n} items"
                    );
                }
            }
        }
    }

    #[test]
    fn cells_render_lists_and_nulls() {
        assert_eq!(cell(None), "-");
        assert_eq!(cell(Some(&serde_json::json!(["a", "b"]))), "a, b");
        assert_eq!(cell(Some(&serde_json::json!(true))), "true");
    }
}
