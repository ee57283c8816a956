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
