//! FNV-1a, 64 bits: how `build.rs` places the words of a frequency list in
//! its table, and how `frequency_lists` finds them again (`build.rs`
//! includes this file).

/// The hash of nothing, which [`fnv1a_extend`] extends.
pub(crate) const FNV1A_EMPTY: u64 = 0xcbf2_9ce4_8422_2325;

/// The hash of `a` followed by `bytes`, from the hash of `a`: the
/// dictionary matcher hashes each substring of a password from the one
/// a character shorter.
pub(crate) fn fnv1a_extend(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The filter's size in bits: `build.rs` sets, for every word of every
/// list, the bit its hash falls on, so that a substring whose bit is clear
/// is in no list and costs no lookup in the tables (megabytes, each lookup
/// a cache miss when cold) but one in the filter (64 KB).
pub(crate) const FILTER_BITS: usize = 1 << 19;

/// The filter's bit for a word of hash `hash`: bits the tables' slots
/// (the low ones) do not use.
pub(crate) fn filter_bit(hash: u64) -> usize {
    (hash >> 40) as usize & (FILTER_BITS - 1)
}
