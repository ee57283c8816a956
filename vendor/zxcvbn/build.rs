//! Builds zxcvbn's ranked dictionaries at compile time. Each frequency list
//! in `data/` (one word per line, most frequent first) becomes a hash table
//! that a process reads where it lies in the binary, instead of first
//! hashing every word of every list into a map (about 12 ms in every
//! process that judges a password). For each list, two files in `OUT_DIR`:
//! `<list>.words`, the words one after another, and `<list>.slots`, an
//! open-addressing table (linear probing, FNV-1a, a power of two at least
//! twice the words) of little-endian u32 triples (offset, length, rank),
//! rank 0 marking an empty slot. And `word_filter.bin`, one bit for each
//! place a word's hash may fall, set where a word of any list falls
//! (`fnv1a::filter_bit`). Plain bytes: no relocations to apply when
//! the binary starts. `src/frequency_lists.rs` reads them.

use std::fmt::Write as _;
use std::path::Path;

/// The lists, in the order they are searched, with their dictionary type.
const LISTS: [(&str, &str); 6] = [
    ("passwords", "Passwords"),
    ("english-wiki", "English"),
    ("female-names", "FemaleNames"),
    ("male-names", "MaleNames"),
    ("surnames", "Surnames"),
    ("us-tv-and-film", "UsTvAndFilm"),
];

#[path = "src/fnv1a.rs"]
mod fnv1a;
use fnv1a::{filter_bit, fnv1a_extend, FILTER_BITS, FNV1A_EMPTY};

fn main() {
    println!("cargo:rerun-if-changed=src/fnv1a.rs");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let out_dir = Path::new(&out_dir);
    let mut entries = Vec::new();
    let mut filter = vec![0u8; FILTER_BITS / 8];
    for (list, kind) in LISTS {
        let path = Path::new("data").join(format!("{list}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("read a frequency list");
        let size = (text.lines().count() * 2).next_power_of_two();
        let mask = size - 1;
        let mut words = String::new();
        let mut slots = vec![(0u32, 0u32, 0u32); size];
        for (i, word) in text.lines().enumerate() {
            let rank = u32::try_from(i + 1).unwrap();
            let hash = fnv1a_extend(FNV1A_EMPTY, word.as_bytes());
            let bit = filter_bit(hash);
            filter[bit / 8] |= 1 << (bit % 8);
            let mut slot = hash as usize & mask;
            // A word listed twice keeps its last rank, as a map filled in
            // list order would.
            loop {
                let (offset, length, taken) = slots[slot];
                if taken == 0 {
                    let offset = u32::try_from(words.len()).unwrap();
                    words.push_str(word);
                    slots[slot] = (offset, u32::try_from(word.len()).unwrap(), rank);
                    break;
                }
                if &words[offset as usize..(offset + length) as usize] == word {
                    slots[slot].2 = rank;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        let bytes: Vec<u8> = slots
            .iter()
            .flat_map(|&(o, l, r)| [o, l, r])
            .flat_map(u32::to_le_bytes)
            .collect();
        std::fs::write(out_dir.join(format!("{list}.words")), words).unwrap();
        std::fs::write(out_dir.join(format!("{list}.slots")), bytes).unwrap();
        entries.push(format!(
            "    (DictionaryType::{kind}, RankedDictionary {{ words: include_str!(concat!(env!(\"OUT_DIR\"), \"/{list}.words\")), slots: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{list}.slots\")) }}),"
        ));
    }
    let mut out = String::new();
    writeln!(
        out,
        "pub(crate) static RANKED_DICTIONARIES: [(DictionaryType, RankedDictionary); {}] = [\n{}\n];",
        entries.len(),
        entries.join("\n")
    )
    .unwrap();
    std::fs::write(out_dir.join("word_filter.bin"), filter).unwrap();
    writeln!(
        out,
        "pub(crate) static WORD_FILTER: &[u8; {}] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/word_filter.bin\"));",
        FILTER_BITS / 8
    )
    .unwrap();
    std::fs::write(out_dir.join("ranked_dictionaries.rs"), out).unwrap();
}
