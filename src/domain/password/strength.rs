//! The strength policy: how a chosen password fares against zxcvbn, and the
//! installation's minimum score (`min-password-score`).

use rusqlite::Connection;

use crate::error::{Error, Remedy, Result};
use crate::store::settings;

/// The score below which a chosen password is refused unless an
/// installation owner changes `min-password-score`.
pub const DEFAULT_MIN_SCORE: u8 = 3;

/// How a chosen password fares against zxcvbn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// 0 (guessed within 10^3 tries) to 4 (more than 10^10).
    pub score: u8,
    /// zxcvbn's warning and suggestions, for a message.
    pub feedback: Vec<String>,
}

/// Scores a chosen password with zxcvbn, with what an attacker would try
/// first (the username, the app name, its domains) as user inputs.
pub fn strength(password: &str, user_inputs: &[&str]) -> Strength {
    let entropy = zxcvbn::zxcvbn(password, user_inputs);
    let mut feedback = Vec::new();
    if let Some(f) = entropy.feedback() {
        if let Some(w) = f.warning() {
            feedback.push(w.to_string());
        }
        feedback.extend(f.suggestions().iter().map(|s| s.to_string()));
    }
    Strength {
        score: u8::from(entropy.score()),
        feedback,
    }
}

/// Refuses a password scored below `min_score`, saying why, unless
/// `allow_weak`. Returns whether it was let through weak.
pub fn check_strength(strength: &Strength, min_score: u8, allow_weak: bool) -> Result<bool> {
    if strength.score >= min_score {
        return Ok(false);
    }
    if allow_weak {
        return Ok(true);
    }
    let mut message = format!(
        "the password is too easy to guess: zxcvbn scores it {} of 4, and this installation requires at least {min_score}",
        strength.score
    );
    if !strength.feedback.is_empty() {
        message.push_str(&format!(" ({})", strength.feedback.join(" ")));
    }
    Err(Error::bad_request(message).remedy(Remedy::StrongerPassword))
}

/// The lowest zxcvbn score a chosen password may have in this installation.
pub fn min_score(conn: &Connection) -> Result<u8> {
    Ok(settings::get(conn, settings::MIN_PASSWORD_SCORE)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MIN_SCORE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_and_strong_ones_pass() {
        for weak in ["password", "Summer2026!", "shop-admin", "shopshop"] {
            let s = strength(weak, &["shop-admin", "shop", "shop.example.com"]);
            assert!(
                check_strength(&s, DEFAULT_MIN_SCORE, false).is_err(),
                "{weak}: {s:?}"
            );
            assert!(check_strength(&s, DEFAULT_MIN_SCORE, true).unwrap());
        }
        let s = strength("correct horse battery staple umbrella", &["admin"]);
        assert_eq!(s.score, 4);
        assert!(!check_strength(&s, DEFAULT_MIN_SCORE, false).unwrap());
    }
}
