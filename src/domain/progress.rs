//! How a long operation says how far it got, without printing: the caller
//! passes a [`Progress`], and the command line draws it (a bar on a
//! terminal) or not at all. ARCHITECTURE.md, "Progress".

use std::io::{self, Read};

/// Told how far a long operation got. An operation may go through several
/// stages, each begun with [`Progress::start`]; [`Progress::finish`] ends the
/// last one.
pub trait Progress {
    /// A stage of `len` units begins (`0`: of unknown length); `what` says
    /// what the stage does, in a few words ("comparing applications").
    fn start(&self, len: u64, what: &str);
    /// `n` more units are done.
    fn advance(&self, n: u64);
    /// The operation is done with its stages.
    fn finish(&self);
}

/// Progress nobody looks at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _len: u64, _what: &str) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}

/// A reader that advances `progress` by every byte read through it.
pub struct Reader<'p, R> {
    inner: R,
    progress: &'p dyn Progress,
}

impl<'p, R: Read> Reader<'p, R> {
    pub fn new(inner: R, progress: &'p dyn Progress) -> Self {
        Reader { inner, progress }
    }
}

impl<R: Read> Read for Reader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Records every call, for tests of the operations that report progress.
    #[derive(Default)]
    pub(crate) struct Recorder {
        pub calls: RefCell<Vec<String>>,
    }

    impl Recorder {
        /// The stages started, each with its length and the units advanced
        /// in it, and whether `finish` came last.
        pub(crate) fn stages(&self) -> (Vec<(String, u64, u64)>, bool) {
            let mut stages: Vec<(String, u64, u64)> = Vec::new();
            let calls = self.calls.borrow();
            for call in calls.iter() {
                if let Some(rest) = call.strip_prefix("start ") {
                    let (len, what) = rest.split_once(' ').unwrap();
                    stages.push((what.to_string(), len.parse().unwrap(), 0));
                } else if let Some(n) = call.strip_prefix("advance ") {
                    stages.last_mut().expect("advance after start").2 += n.parse::<u64>().unwrap();
                }
            }
            (stages, calls.last().is_some_and(|c| c == "finish"))
        }
    }

    impl Progress for Recorder {
        fn start(&self, len: u64, what: &str) {
            self.calls.borrow_mut().push(format!("start {len} {what}"));
        }
        fn advance(&self, n: u64) {
            self.calls.borrow_mut().push(format!("advance {n}"));
        }
        fn finish(&self) {
            self.calls.borrow_mut().push("finish".to_string());
        }
    }

    #[test]
    fn a_reader_advances_by_the_bytes_read() {
        let recorder = Recorder::default();
        recorder.start(11, "reading");
        let mut text = String::new();
        Reader::new(&b"hello world"[..], &recorder)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "hello world");
        let (stages, _) = recorder.stages();
        assert_eq!(stages, [("reading".to_string(), 11, 11)]);
    }
}
