// The word lists live in `data/`; `build.rs` turns them into hash
// tables at compile time.
include!(concat!(env!("OUT_DIR"), "/ranked_dictionaries.rs"));

use crate::fnv1a::filter_bit;

#[derive(Copy, Clone, Debug, Eq, PartialEq, Hash, Default)]
#[cfg_attr(feature = "ser", derive(serde::Deserialize, serde::Serialize))]
pub enum DictionaryType {
    #[default]
    Passwords,
    English,
    FemaleNames,
    MaleNames,
    Surnames,
    UsTvAndFilm,
    UserInputs,
}

/// Whether a word of hash `hash` may be in one of the lists (the filter
/// `build.rs` made): when not, it is in none.
pub(crate) fn maybe_listed(hash: u64) -> bool {
    let bit = filter_bit(hash);
    WORD_FILTER[bit / 8] & (1 << (bit % 8)) != 0
}

/// A frequency list as `build.rs` lays it out: the words one after another,
/// and an open-addressing table of (offset, length, rank) triples, rank 0
/// marking an empty slot.
pub(crate) struct RankedDictionary {
    words: &'static str,
    slots: &'static [u8],
}

impl RankedDictionary {
    /// The rank of `word` (1 = most frequent), if the list has it.
    /// `hash` is the word's, `fnv1a_extend(FNV1A_EMPTY, word)`.
    pub(crate) fn rank(&self, word: &str, hash: u64) -> Option<usize> {
        let mask = self.slots.len() / 12 - 1;
        let mut slot = hash as usize & mask;
        loop {
            let (listed, rank) = self.slot(slot)?;
            if listed == word {
                return Some(rank);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The word and rank in slot `slot`, unless it is empty.
    fn slot(&self, slot: usize) -> Option<(&'static str, usize)> {
        let field = |k: usize| {
            let start = slot * 12 + k * 4;
            u32::from_le_bytes(self.slots[start..start + 4].try_into().unwrap()) as usize
        };
        let rank = field(2);
        (rank != 0).then(|| (&self.words[field(0)..field(0) + field(1)], rank))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fnv1a::{fnv1a_extend, FILTER_BITS, FNV1A_EMPTY};

    /// Every word of every list passes the filter and is found at its
    /// rank; the filter turns away most other strings.
    #[test]
    fn the_filter_lets_every_listed_word_through() {
        let mut listed = 0;
        for (_, dictionary) in RANKED_DICTIONARIES.iter() {
            for (word, rank) in (0..dictionary.slots.len() / 12).filter_map(|k| dictionary.slot(k))
            {
                let hash = fnv1a_extend(FNV1A_EMPTY, word.as_bytes());
                assert!(maybe_listed(hash), "{word}");
                assert_eq!(dictionary.rank(word, hash), Some(rank), "{word}");
                listed += 1;
            }
        }
        assert!(listed > 90_000, "{listed}");
        let set = WORD_FILTER.iter().map(|b| b.count_ones()).sum::<u32>();
        assert!(
            f64::from(set) / (FILTER_BITS as f64) < 0.2,
            "{set} bits set"
        );
    }
}
