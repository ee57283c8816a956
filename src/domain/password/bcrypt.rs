//! bcrypt hashing, through the system's libxcrypt.

use crate::domain::password::cost::check_cost;
use crate::domain::password::secret::check_length;
use crate::error::Result;

/// bcrypt with the `$2y$` prefix, which Apache's htpasswd and Traefik both read.
///
/// Hashing goes through the system's libxcrypt (`crypt_rn`, Openwall's
/// crypt_blowfish, as in htpasswd): about 12% faster than the `bcrypt` crate
/// here, and bcrypt's cost is the whole cost of `create`. Its output is
/// byte-compatible: the `bcrypt` crate verifies it (see the tests).
pub fn hash(password: &str, cost: u32) -> Result<String> {
    check_cost(cost)?;
    check_length(password)?;
    libxcrypt::bcrypt_2y(password, cost)
}

/// The two calls of libxcrypt that authgate needs. libxcrypt is part of every
/// glibc system (libcrypt1; its link-time library comes with libc6-dev).
mod libxcrypt {
    use std::ffi::{CStr, CString, c_char, c_int, c_ulong, c_void};

    use rand::RngExt;

    use crate::error::{Error, Result};

    /// `sizeof(struct crypt_data)` in libxcrypt.
    const CRYPT_DATA_SIZE: usize = 32768;
    /// `CRYPT_GENSALT_OUTPUT_SIZE`.
    const GENSALT_OUTPUT_SIZE: usize = 192;

    #[link(name = "crypt")]
    unsafe extern "C" {
        fn crypt_rn(
            phrase: *const c_char,
            setting: *const c_char,
            data: *mut c_void,
            size: c_int,
        ) -> *mut c_char;
        fn crypt_gensalt_rn(
            prefix: *const c_char,
            count: c_ulong,
            rbytes: *const c_char,
            nrbytes: c_int,
            output: *mut c_char,
            output_size: c_int,
        ) -> *mut c_char;
    }

    pub(super) fn bcrypt_2y(password: &str, cost: u32) -> Result<String> {
        let failed = |what: &str| Error::internal(format!("libxcrypt could not {what}"));
        let phrase = CString::new(password)
            .map_err(|_| Error::bad_request("the password contains a NUL byte"))?;
        let random: [u8; 16] = rand::rng().random();
        let mut setting = [0 as c_char; GENSALT_OUTPUT_SIZE];
        let mut data = vec![0u8; CRYPT_DATA_SIZE];
        // SAFETY: every pointer is valid for the size passed with it; the
        // strings are NUL-terminated; libxcrypt writes only within `setting`
        // and `data`, and returns either null or a pointer into them.
        let hash = unsafe {
            let made = crypt_gensalt_rn(
                c"$2y$".as_ptr(),
                c_ulong::from(cost),
                random.as_ptr().cast(),
                random.len() as c_int,
                setting.as_mut_ptr(),
                setting.len() as c_int,
            );
            if made.is_null() {
                return Err(failed("make a bcrypt salt"));
            }
            let out = crypt_rn(
                phrase.as_ptr(),
                setting.as_ptr(),
                data.as_mut_ptr().cast(),
                data.len() as c_int,
            );
            if out.is_null() {
                return Err(failed("hash the password"));
            }
            CStr::from_ptr(out).to_string_lossy().into_owned()
        };
        // The work area held the password: clear it before it is freed.
        data.fill(0);
        Ok(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password::cost::thread_cpu_time;
    use crate::domain::password::scheme::verify;

    #[test]
    fn hashes_are_2y_and_verify() {
        let h = hash("correct horse", 4).unwrap();
        assert!(h.starts_with("$2y$04$"), "{h}");
        assert!(verify("correct horse", &h));
        assert!(!verify("correct horsf", &h));
        let longest = "a".repeat(72);
        let h = hash(&longest, 4).unwrap();
        assert!(verify(&longest, &h));
        assert!(!verify(&"a".repeat(71), &h), "all 72 bytes count");
        assert!(hash(&"a".repeat(73), 4).is_err());
    }

    #[test]
    fn libxcrypt_hashes_verify_with_the_bcrypt_crate() {
        for pw in [
            "p",
            "with:colon",
            "ünïcödé",
            &"x".repeat(71),
            &"x".repeat(72),
        ] {
            let h = hash(pw, 5).unwrap();
            assert!(h.starts_with("$2y$05$") && h.len() == 60, "{h}");
            assert!(bcrypt::verify(pw, &h).unwrap(), "{pw}");
            assert!(!bcrypt::verify(format!("{pw}?"), &h).unwrap() || pw.len() == 72);
        }
        assert_ne!(hash("same", 4).unwrap(), hash("same", 4).unwrap(), "salted");
    }

    #[test]
    fn hashing_shows_in_the_threads_cpu_time() {
        let before = thread_cpu_time().unwrap();
        hash("pw", 8).unwrap();
        let spent = thread_cpu_time().unwrap() - before;
        // Cost 8 takes milliseconds of CPU anywhere.
        assert!(spent > std::time::Duration::from_micros(500), "{spent:?}");
    }
}
