// The word lists live in `data/`; `build.rs` turns them into hash
// tables at compile time.
include!(concat!(env!("OUT_DIR"), "/ranked_dictionaries.rs"));

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
        let slots = self.slots.len() / 12;
        let mask = slots - 1;
        let mut slot = hash as usize & mask;
        loop {
            let at = |field: usize| {
                let start = slot * 12 + field * 4;
                u32::from_le_bytes(self.slots[start..start + 4].try_into().unwrap()) as usize
            };
            let rank = at(2);
            if rank == 0 {
                return None;
            }
            let (offset, length) = (at(0), at(1));
            if self.words.as_bytes()[offset..offset + length] == *word.as_bytes() {
                return Some(rank);
            }
            slot = (slot + 1) & mask;
        }
    }
}
