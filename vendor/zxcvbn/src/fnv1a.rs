/// FNV-1a, 64 bits: how `build.rs` places the words of a frequency list in
/// its table, and how `frequency_lists` finds them again (`build.rs`
/// includes this file).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
