//! Pure Rust implementation of the [Blowfish] block cipher.
//!
//! # ⚠️ Security Warning: Hazmat!
//!
//! This crate implements only the low-level block cipher function, and is intended
//! for use for implementing higher-level constructions *only*. It is NOT
//! intended for direct use in applications.
//!
//! USE AT YOUR OWN RISK!
//!
//! [Blowfish]: https://en.wikipedia.org/wiki/Blowfish_(cipher)

#![no_std]
#![doc(
    html_logo_url = "https://raw.githubusercontent.com/RustCrypto/media/26acc39f/logo.svg",
    html_favicon_url = "https://raw.githubusercontent.com/RustCrypto/media/26acc39f/logo.svg"
)]
#![deny(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs, rust_2018_idioms)]

pub use cipher;

use byteorder::{BE, ByteOrder, LE};
use cipher::{
    AlgorithmName, Block, BlockCipherDecBackend, BlockCipherDecClosure, BlockCipherDecrypt,
    BlockCipherEncBackend, BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, InOut,
    InvalidLength, Key, KeyInit, KeySizeUser, ParBlocksSizeUser,
    consts::{U1, U8, U56},
};
use core::fmt;
use core::marker::PhantomData;

#[cfg(feature = "zeroize")]
use cipher::zeroize::{Zeroize, ZeroizeOnDrop};

mod consts;

/// `x`, which the optimiser may no longer combine with what comes after it:
/// an empty assembly block that takes it in a register and gives it back.
#[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
#[allow(unsafe_code)]
#[inline(always)]
fn settled(mut x: u32) -> u32 {
    // SAFETY: the block has no instructions; it reads and writes only `x`'s register.
    unsafe {
        core::arch::asm!("/* {0:e} */", inout(reg) x, options(pure, nomem, nostack, preserves_flags))
    };
    x
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "x86")))]
#[inline(always)]
fn settled(x: u32) -> u32 {
    x
}

#[cfg(target_arch = "x86_64")]
cpufeatures::new!(bmi1, "bmi1");

/// Bits 16 to 23 of `x`, the round function's third table index. With
/// `BEXTR`, in one instruction instead of two, which shortens every round's
/// chain of dependent loads by a cycle; only instantiated in functions
/// compiled for BMI1.
#[inline(always)]
fn third_byte<const BEXTR: bool>(x: u32) -> usize {
    #[cfg(target_arch = "x86_64")]
    if BEXTR {
        // SAFETY: `BEXTR` is true only under `expand_key_bmi1`, which runs
        // only on a CPU with BMI1.
        #[allow(unsafe_code)]
        return unsafe { core::arch::x86_64::_bextr_u32(x, 16, 8) } as usize;
    }
    ((x >> 16) & 0xff) as usize
}

/// Blowfish variant which uses Little Endian byte order read/writes.s.
pub type BlowfishLE = Blowfish<LE>;

/// Blowfish block cipher instance.
#[derive(Clone)]
pub struct Blowfish<T: ByteOrder = BE> {
    s: [[u32; 256]; 4],
    p: [u32; 18],
    _pd: PhantomData<T>,
}

fn next_u32_wrap(buf: &[u8], offset: &mut usize) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        if *offset >= buf.len() {
            *offset = 0;
        }
        v = (v << 8) | buf[*offset] as u32;
        *offset += 1;
    }
    v
}

impl<T: ByteOrder> Blowfish<T> {
    fn init_state() -> Blowfish<T> {
        Blowfish {
            p: consts::P,
            s: consts::S,
            _pd: PhantomData,
        }
    }

    #[inline(always)]
    fn expand_key(&mut self, key: &[u8]) {
        self.expand_key_with::<false>(key)
    }

    /// The key schedule. `BEXTR` is true only from `expand_key_bmi1`,
    /// which alone is compiled for BMI1 (`third_byte`'s safety rests on it).
    #[inline(always)]
    fn expand_key_with<const BEXTR: bool>(&mut self, key: &[u8]) {
        let mut key_pos = 0;
        for i in 0..18 {
            self.p[i] ^= next_u32_wrap(key, &mut key_pos);
        }
        let mut lr = [0u32; 2];
        for i in 0..9 {
            lr = self.encrypt_with::<BEXTR>(lr);
            self.p[2 * i] = lr[0];
            self.p[2 * i + 1] = lr[1];
        }
        for i in 0..4 {
            for j in 0..128 {
                lr = self.encrypt_with::<BEXTR>(lr);
                self.s[i][2 * j] = lr[0];
                self.s[i][2 * j + 1] = lr[1];
            }
        }
    }

    /// `expand_key`, compiled for BMI1: only called where the CPU has it.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "bmi1")]
    fn expand_key_bmi1(&mut self, key: &[u8]) {
        self.expand_key_with::<true>(key)
    }

    #[allow(clippy::many_single_char_names)]
    #[inline(always)]
    fn round_function(&self, x: u32) -> u32 {
        self.round_function_with::<false>(x)
    }

    /// The round function; with `BEXTR`, its third byte is taken with one
    /// BMI1 instruction instead of a shift and a mask (only in functions
    /// compiled for BMI1, see `expand_key_bmi1`).
    #[allow(clippy::many_single_char_names)]
    #[inline(always)]
    fn round_function_with<const BEXTR: bool>(&self, x: u32) -> u32 {
        let a = self.s[0][(x >> 24) as usize];
        let b = self.s[1][third_byte::<BEXTR>(x)];
        let c = self.s[2][((x >> 8) & 0xff) as usize];
        let d = self.s[3][(x & 0xff) as usize];
        (a.wrapping_add(b) ^ c).wrapping_add(d)
    }

    #[inline(always)]
    fn encrypt(&self, lr: [u32; 2]) -> [u32; 2] {
        self.encrypt_with::<false>(lr)
    }

    // Each half takes its subkey before the round function's result, so
    // that one XOR, not two, follows the chain of dependent table loads
    // (bcrypt's key schedule is nothing but this chain). `settled` keeps
    // the compiler from folding the subkey back in after the result.
    #[inline(always)]
    fn encrypt_with<const BEXTR: bool>(&self, [mut l, mut r]: [u32; 2]) -> [u32; 2] {
        l ^= self.p[0];
        for i in 0..8 {
            r = settled(r ^ self.p[2 * i + 1]) ^ self.round_function_with::<BEXTR>(l);
            l = settled(l ^ self.p[2 * i + 2]) ^ self.round_function_with::<BEXTR>(r);
        }
        r ^= self.p[17];
        [r, l]
    }

    fn decrypt(&self, [mut l, mut r]: [u32; 2]) -> [u32; 2] {
        for i in (1..9).rev() {
            l ^= self.p[2 * i + 1];
            r ^= self.round_function(l);
            r ^= self.p[2 * i];
            l ^= self.round_function(r);
        }
        l ^= self.p[1];
        r ^= self.p[0];
        [r, l]
    }
}

impl<T: ByteOrder> KeySizeUser for Blowfish<T> {
    type KeySize = U56;
}

impl<T: ByteOrder> KeyInit for Blowfish<T> {
    fn new(key: &Key<Self>) -> Self {
        Self::new_from_slice(&key[..]).unwrap()
    }

    fn new_from_slice(key: &[u8]) -> Result<Self, InvalidLength> {
        if key.len() < 4 || key.len() > 56 {
            return Err(InvalidLength);
        }
        let mut blowfish = Blowfish::init_state();
        blowfish.expand_key(key);
        Ok(blowfish)
    }
}

impl<T: ByteOrder> BlockSizeUser for Blowfish<T> {
    type BlockSize = U8;
}

impl<T: ByteOrder> ParBlocksSizeUser for Blowfish<T> {
    type ParBlocksSize = U1;
}

impl<T: ByteOrder> BlockCipherEncrypt for Blowfish<T> {
    #[inline]
    fn encrypt_with_backend(&self, f: impl BlockCipherEncClosure<BlockSize = Self::BlockSize>) {
        f.call(self)
    }
}

impl<T: ByteOrder> BlockCipherEncBackend for Blowfish<T> {
    #[inline]
    fn encrypt_block(&self, mut block: InOut<'_, '_, Block<Self>>) {
        let mut b = [0u32; 2];
        T::read_u32_into(block.get_in(), &mut b);
        b = self.encrypt(b);
        T::write_u32_into(&b, block.get_out());
    }
}

impl<T: ByteOrder> BlockCipherDecrypt for Blowfish<T> {
    #[inline]
    fn decrypt_with_backend(&self, f: impl BlockCipherDecClosure<BlockSize = Self::BlockSize>) {
        f.call(self)
    }
}

impl<T: ByteOrder> BlockCipherDecBackend for Blowfish<T> {
    #[inline]
    fn decrypt_block(&self, mut block: InOut<'_, '_, Block<Self>>) {
        let mut b = [0u32; 2];
        T::read_u32_into(block.get_in(), &mut b);
        b = self.decrypt(b);
        T::write_u32_into(&b, block.get_out());
    }
}

impl fmt::Debug for Blowfish<BE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blowfish<BE> { ... }")
    }
}

impl AlgorithmName for Blowfish<BE> {
    fn write_alg_name(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blowfish<BE>")
    }
}

impl fmt::Debug for Blowfish<LE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blowfish<LE> { ... }")
    }
}

impl AlgorithmName for Blowfish<LE> {
    fn write_alg_name(f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blowfish<LE>")
    }
}

impl<T: ByteOrder> Drop for Blowfish<T> {
    fn drop(&mut self) {
        #[cfg(feature = "zeroize")]
        {
            self.s.zeroize();
            self.p.zeroize();
        }
    }
}

#[cfg(feature = "zeroize")]
impl<T: ByteOrder> ZeroizeOnDrop for Blowfish<T> {}

/// Bcrypt extension of blowfish
#[cfg(feature = "bcrypt")]
impl Blowfish<BE> {
    /// Salted expand key
    pub fn salted_expand_key(&mut self, salt: &[u8], key: &[u8]) {
        let mut key_pos = 0;
        for i in 0..18 {
            self.p[i] ^= next_u32_wrap(key, &mut key_pos);
        }
        let mut lr = [0u32; 2];
        let mut salt_pos = 0;
        for i in 0..9 {
            lr[0] ^= next_u32_wrap(salt, &mut salt_pos);
            lr[1] ^= next_u32_wrap(salt, &mut salt_pos);
            lr = self.encrypt(lr);

            self.p[2 * i] = lr[0];
            self.p[2 * i + 1] = lr[1];
        }
        for i in 0..4 {
            for j in 0..64 {
                lr[0] ^= next_u32_wrap(salt, &mut salt_pos);
                lr[1] ^= next_u32_wrap(salt, &mut salt_pos);
                lr = self.encrypt(lr);

                self.s[i][4 * j] = lr[0];
                self.s[i][4 * j + 1] = lr[1];

                lr[0] ^= next_u32_wrap(salt, &mut salt_pos);
                lr[1] ^= next_u32_wrap(salt, &mut salt_pos);
                lr = self.encrypt(lr);

                self.s[i][4 * j + 2] = lr[0];
                self.s[i][4 * j + 3] = lr[1];
            }
        }
    }

    /// Init state
    pub fn bc_init_state() -> Blowfish<BE> {
        Blowfish::init_state()
    }

    /// Encrypt
    pub fn bc_encrypt(&self, lr: [u32; 2]) -> [u32; 2] {
        self.encrypt(lr)
    }

    /// Expand key
    pub fn bc_expand_key(&mut self, key: &[u8]) {
        #[cfg(target_arch = "x86_64")]
        if bmi1::get() {
            // SAFETY: this CPU has BMI1.
            #[allow(unsafe_code)]
            unsafe {
                return self.expand_key_bmi1(key);
            }
        }
        self.expand_key(key)
    }
}

#[cfg(all(test, feature = "bcrypt"))]
mod tests {
    use super::*;

    /// bcrypt's key schedule (`bc_expand_key`: on x86-64 CPUs with BMI1, the
    /// copy compiled for it) leaves exactly the state the plain one does, and
    /// that state encrypts as the crates.io release's does (the blocks below
    /// came from it): on a CPU without BMI1 both sides are the plain
    /// schedule, which the release's blocks still hold, with the reordered
    /// `encrypt`.
    #[test]
    fn bcrypts_key_schedule_is_the_plain_one_and_the_releases() {
        let releases: [[[u32; 2]; 4]; 3] = [
            [
                [0x14ab1de5, 0x11547206],
                [0x74c26f77, 0xecd7584c],
                [0x336b4da9, 0xb46e52d9],
                [0x41a6d3d7, 0x31f5337c],
            ],
            [
                [0xadb4b123, 0xc0a967e7],
                [0x7038de3e, 0x994631d6],
                [0x1809249d, 0x6b62bd47],
                [0xc1678b46, 0x3d5f4de5],
            ],
            [
                [0x4de05e6c, 0xcbbc34ea],
                [0xf4b7ee0a, 0x6463bd05],
                [0x26749aa5, 0xb68755de],
                [0x2a61832a, 0x908c9dcb],
            ],
        ];
        let keys = [
            &b"U*U\0"[..],
            b"correct horse battery staple\0",
            &[0xa5; 72],
        ];
        for (key, release) in keys.into_iter().zip(releases) {
            let mut plain = Blowfish::bc_init_state();
            let mut bcrypt = Blowfish::bc_init_state();
            plain.salted_expand_key(b"sixteen byte slt", key);
            bcrypt.salted_expand_key(b"sixteen byte slt", key);
            for _ in 0..4 {
                plain.expand_key(key);
                bcrypt.bc_expand_key(key);
            }
            assert_eq!((plain.p, plain.s), (bcrypt.p, bcrypt.s));
            let mut block = [0u32; 2];
            for expected in release {
                block = bcrypt.bc_encrypt(block);
                assert_eq!(block, expected);
            }
        }
    }
}
