//! Progress bars on stderr for long work (`sync`, `check`, `import`, `audit
//! failures`): the command line's [`Progress`]. A bar is drawn only for an
//! operator who watches: stderr is a terminal, the output is a table (not
//! `-o json` or `-o yaml`), not `-q`, and the work is large enough that a
//! bar helps rather than flashes. It is cleared before anything else is
//! printed on stderr (the command's notes and warnings come after the
//! operation; an error, after the bar is dropped).

use std::cell::RefCell;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::output::Printer;
use authgate::domain::progress::Progress;

/// From how many applications `sync` and `check` show a bar.
pub(crate) const MIN_APPS: u64 = 200;
/// From how many htpasswd entries `import` shows a bar.
pub(crate) const MIN_IMPORT_ENTRIES: u64 = 1000;
/// From how many bytes of access logs `audit failures` shows a bar.
pub(crate) const MIN_LOG_BYTES: u64 = 4 << 20;

/// What a bar counts, for its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Applications, lines, credentials: plain counts.
    Items,
    /// Bytes, shown as KiB, MiB, ...
    Bytes,
}

/// A bar for one operation. Whether it shows is decided by the first stage
/// ([`Progress::start`]): at least `min_len` units. Later stages reuse a bar
/// that shows, and stay hidden otherwise.
pub(crate) struct Bar {
    watched: bool,
    min_len: u64,
    unit: Unit,
    bar: RefCell<Option<ProgressBar>>,
    decided: std::cell::Cell<bool>,
}

/// Whether anyone watches stderr: a terminal that can redraw a line, and
/// output meant for a person.
pub(crate) fn watched(printer: &Printer) -> bool {
    printer.format.is_table()
        && !printer.quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

impl Bar {
    /// A bar that shows for a first stage of at least `min_len` units, when
    /// [`watched`].
    pub(crate) fn new(printer: &Printer, min_len: u64, unit: Unit) -> Bar {
        Bar {
            watched: watched(printer),
            min_len,
            unit,
            bar: RefCell::new(None),
            decided: std::cell::Cell::new(false),
        }
    }

    fn style(&self, len: u64) -> ProgressStyle {
        let template = match (len, self.unit) {
            (0, Unit::Items) => "{spinner} {msg} ({pos}, {elapsed})",
            (0, Unit::Bytes) => "{spinner} {msg} ({bytes}, {elapsed})",
            (_, Unit::Items) => "{msg} [{bar:30}] {pos}/{len} ({eta} left)",
            (_, Unit::Bytes) => "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta} left)",
        };
        ProgressStyle::with_template(template)
            .expect("the templates are valid")
            .progress_chars("=> ")
    }
}

impl Progress for Bar {
    fn start(&self, len: u64, what: &str) {
        let first = !self.decided.replace(true) && self.watched && len >= self.min_len;
        if first {
            // Drawn once it is set up, not before.
            *self.bar.borrow_mut() = Some(ProgressBar::hidden());
        }
        if let Some(bar) = self.bar.borrow().as_ref() {
            if !first {
                // A fresh target, whose rate limit has not been spent:
                // the new stage is drawn at once, however short it is.
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            bar.set_style(self.style(len));
            bar.set_length(len);
            bar.set_position(0);
            bar.set_message(what.to_string());
            if first {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            if len == 0 {
                // Nothing advances a stage of unknown length: keep it alive.
                bar.enable_steady_tick(Duration::from_millis(120));
            } else {
                bar.disable_steady_tick();
            }
        }
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

/// A bar dropped before its operation finished (it failed) is cleared too,
/// before the error is printed.
impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}
