//! The strength check's zxcvbn (vendor/zxcvbn: its dictionaries built at
//! compile time) judges exactly as the crates.io release it replaces:
//! every password of the corpus gets the same score, guesses and feedback.

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
        let entropy = zxcvbn::zxcvbn(password, &USER_INPUTS);
        let mut got = Vec::new();
        if let Some(f) = entropy.feedback() {
            got.extend(f.warning().map(|w| w.to_string()));
            got.extend(f.suggestions().iter().map(|s| s.to_string()));
        }
        assert_eq!(
            (
                u8::from(entropy.score()).to_string(),
                entropy.guesses().to_string(),
                got.join(" | ")
            ),
            (score.to_string(), guesses.to_string(), feedback.to_string()),
            "{password:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 395);
}
