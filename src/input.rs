//! Reading input from outside with a limit: a password file, stdin, an
//! htpasswd file to import, a key file. Whatever the source (a file, a
//! pipe, `/dev/zero`), at most the limit plus one byte is read, so memory
//! stays bounded and an oversized input is told apart from one that fits.

use std::io::Read;
use std::path::Path;

/// What a bounded read found.
#[derive(Debug, PartialEq, Eq)]
pub enum Limited {
    /// Everything there was: at most the limit.
    Fits(Vec<u8>),
    /// More than the limit; nothing beyond limit + 1 bytes was read.
    TooLarge,
}

/// Reads `reader` to its end, or until it gives more than `limit` bytes.
pub fn read(reader: impl Read, limit: u64) -> std::io::Result<Limited> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > limit {
        Limited::TooLarge
    } else {
        Limited::Fits(bytes)
    })
}

/// Reads a file (or a FIFO, a device, a process substitution) the same
/// way.
pub fn read_path(path: &Path, limit: u64) -> std::io::Result<Limited> {
    read(std::fs::File::open(path)?, limit)
}

/// The most a secret's file is read: far above any password.
const MAX_SECRET_BYTES: u64 = 4096;

/// The password of a service authgate talks to (a sink, Traefik's API),
/// read now from its file (bounded, its trailing newline dropped) or its
/// environment variable; `None` when neither is given. `whose` names the
/// service in errors. What cannot be read is the operator's to mend: exit 2.
pub(crate) fn secret(
    file: Option<&str>,
    env: Option<&str>,
    whose: &str,
) -> crate::error::Result<Option<String>> {
    use crate::error::Error;
    let text = match (file, env) {
        (Some(path), _) => {
            let cannot = |why: &str| {
                Error::bad_request(format!(
                    "cannot read the password of {whose} from {path}: {why}"
                ))
            };
            match read_path(Path::new(path), MAX_SECRET_BYTES) {
                Ok(Limited::Fits(bytes)) => {
                    String::from_utf8(bytes).map_err(|_| cannot("it is not valid UTF-8"))?
                }
                Ok(Limited::TooLarge) => {
                    return Err(cannot(&format!(
                        "it holds more than {MAX_SECRET_BYTES} bytes"
                    )));
                }
                Err(e) => return Err(cannot(&e.to_string())),
            }
        }
        (None, Some(var)) => std::env::var(var).map_err(|_| {
            Error::bad_request(format!(
                "the password of {whose} is read from ${var}, which is not set"
            ))
        })?,
        (None, None) => return Ok(None),
    };
    Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_stops_one_byte_past_the_limit() {
        assert_eq!(
            read(&b"abc"[..], 3).unwrap(),
            Limited::Fits(b"abc".to_vec())
        );
        assert_eq!(read(&b"abcd"[..], 3).unwrap(), Limited::TooLarge);
        assert_eq!(
            read(std::io::repeat(0), 1 << 20).unwrap(),
            Limited::TooLarge
        );
        assert_eq!(
            read_path(Path::new("/dev/zero"), 4096).unwrap(),
            Limited::TooLarge
        );
    }
}
