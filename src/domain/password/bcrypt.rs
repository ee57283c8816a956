//! bcrypt hashing.

use crate::domain::password::cost::check_cost;
use crate::domain::password::secret::check_length;
use crate::error::{Error, Result};

/// bcrypt with the `$2y$` prefix, which Apache's htpasswd and Traefik both read.
///
/// The `bcrypt` crate, on the Blowfish of `vendor/blowfish`: bcrypt's cost is
/// the whole cost of `create`, and that Blowfish runs it as fast as the C of
/// libxcrypt and htpasswd (the release's took 12% longer).
pub fn hash(password: &str, cost: u32) -> Result<String> {
    check_cost(cost)?;
    check_length(password)?;
    let parts = bcrypt::hash_with_result(password, cost)
        .map_err(|e| Error::internal(format!("bcrypt could not hash the password: {e}")))?;
    Ok(parts.format_for_version(bcrypt::Version::TwoY))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password::cost::thread_cpu_time;
    use crate::domain::password::scheme::verify;

    #[test]
    fn hashes_are_2y_and_verify() {
        let h = hash("correct horse", 4).unwrap();
        assert!(h.starts_with("$2y$04$") && h.len() == 60, "{h}");
        assert_ne!(h, hash("correct horse", 4).unwrap(), "salted");
        assert!(verify("correct horse", &h));
        assert!(!verify("correct horsf", &h));
        let longest = "a".repeat(72);
        let h = hash(&longest, 4).unwrap();
        assert!(verify(&longest, &h));
        assert!(!verify(&"a".repeat(71), &h), "all 72 bytes count");
        assert!(hash(&"a".repeat(73), 4).is_err());
    }

    /// Hashes made by Openwall's crypt_blowfish in C (libxcrypt, as in
    /// htpasswd), two of them Openwall's own test vectors: the Blowfish of
    /// `vendor/blowfish` must give every one of them back, and nothing for
    /// a password one character off.
    #[test]
    fn hashes_are_those_of_openwalls_c() {
        for (pw, made_in_c) in [
            (
                "U*U",
                "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            ),
            (
                "U*U*",
                "$2y$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK",
            ),
            (
                "",
                "$2y$06$abcdefghijklmnopqrstuuDqVCX9YSxXQXEJE1On1Ptib/W28qLxG",
            ),
            (
                "ünïcödé",
                "$2y$04$abcdefghijklmnopqrstuuqAy.C/g78STPh2nPJEnsp0R6yjS.PhK",
            ),
            (
                &"x".repeat(72),
                "$2y$05$XXXXXXXXXXXXXXXXXXXXXOW.FGSEIzSk4ZdJYRJ8VPtVG6rKQur1y",
            ),
            (
                "correct horse battery staple",
                "$2y$10$Twentytwocharactersale8cjc6S5Rc6V99NRRkwo/row7uf83wdq",
            ),
        ] {
            assert!(verify(pw, made_in_c), "{pw:?}");
            assert!(
                !verify(&format!("{pw}!"), made_in_c) || pw.len() == 72,
                "{pw:?}"
            );
            assert!(!verify(&format!("!{pw}"), made_in_c), "{pw:?}");
        }
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
