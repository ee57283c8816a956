//! The strength check's zxcvbn (vendor/zxcvbn: its dictionaries built at
//! compile time) judges exactly as the crates.io release it replaces:
//! every password of the corpus gets the same score and feedback from the
//! strength check, and the same guess count from zxcvbn.

use authgate::domain::password::strength;

const CORPUS: &str = include_str!("fixtures/zxcvbn-3.1.1.tsv");
const USER_INPUTS: [&str; 4] = ["reviewer", "shop", "Shop", "shop.example.com"];

#[test]
fn the_vendored_zxcvbn_judges_every_password_as_the_release_does() {
    let mut checked = 0;
    for line in CORPUS.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [password, score, guesses, feedback] = fields[..] else {
            panic!("a corpus line without four fields: {line:?}");
        };
        let judged = strength::strength(password, &USER_INPUTS);
        let guessed = zxcvbn::zxcvbn(password, &USER_INPUTS).guesses();
        assert_eq!(
            (
                judged.score.to_string(),
                guessed.to_string(),
                judged.feedback.join(" | ")
            ),
            (score.to_string(), guesses.to_string(), feedback.to_string()),
            "{password:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 395);
}
