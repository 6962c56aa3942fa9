//! SHA-256 as `const fn`, for the part of a fingerprint that only const evaluation can see:
//! the fingerprints of referenced types.
//!
//! The derive hashes every byte it knows natively and hands over a [`Midstate`]; const
//! evaluation then only hashes the short tail and the referenced fingerprints with
//! [`finish`]. The output equals `sha2::Sha256` for every input (tested against it).
//!
//! Every derived type pays for `finish` (one to four blocks) each time its crate is compiled,
//! in rustc's const evaluator, which interprets MIR statement by statement; how fast this code
//! runs when compiled does not matter. Costs measured with rustc 1.95 (valgrind instruction
//! counts, debug build), relative to `x ^= 1`:
//!
//! - `rotate_right` runs its generic fallback body: 75; `from_be_bytes` 35, `wrapping_add`
//!   10 (method calls are stack frames);
//! - with overflow checks on, as in every debug build, `+`, `*` and `>>` are a checked
//!   operation plus an `assert` terminator: 2.5 to 3; a bounds-checked index 5;
//! - a local used as an operand is first copied into a new temporary (`StorageLive`, copy,
//!   `StorageDead`): 0.6 more, unless it is the place of a compound assignment (`s ^= x`) or
//!   the initializer of a `let`;
//! - a named constant is evaluated again at every use: 0.8 more than a literal;
//! - entering a function costs in proportion to its number of MIR locals, which is why
//!   `compress` loops over 16 unrolled rounds rather than unrolling all 64.
//!
//! Hence the style below: 32-bit words held in `u64` so that sums need no wrapping calls,
//! rotations as shifts of a doubled word, compound assignments, literals, and slice and array
//! patterns instead of indexing. A block costs a ninth of the instructions of a
//! straightforward version (debug build: 0.9 ms instead of 7.4). Re-measure before changing
//! the style, and after toolchain upgrades.

use crate::Fingerprint;

/// Round constants, one row per 16 rounds (one pass of the loop in `compress`), as `u64`
/// because all arithmetic there is in `u64`.
const K: [[u64; 16]; 4] = [
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174,
    ],
    [
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc,
        0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967,
    ],
    [
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
        0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624,
        0xf40e3585, 0x106aa070,
    ],
    [
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
        0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
        0xbef9a3f7, 0xc67178f2,
    ],
];

const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-256 state after a whole number of 64-byte blocks: where the derive stops hashing
/// natively and const evaluation takes over.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Midstate {
    /// The eight chaining words.
    pub h: [u32; 8],
    /// Bytes hashed so far; a multiple of 64.
    pub len: u64,
}

impl Midstate {
    /// The state before any input.
    pub const INITIAL: Midstate = Midstate { h: H0, len: 0 };
}

/// SHA-256 of `data`, evaluated at compile time when called from a `const`.
///
/// ```
/// const EMPTY: [u8; 32] = objfp::sha256::sha256(b"");
/// assert_eq!(EMPTY[..4], [0xe3, 0xb0, 0xc4, 0x42]);
/// ```
pub const fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::new().update(data).finalize()
}

/// Finishes a hash: the state after the natively hashed prefix, then `tail`, then each
/// fingerprint in `refs`, then SHA-256 padding.
#[doc(hidden)]
pub const fn finish(state: Midstate, tail: &[u8], refs: &[Fingerprint]) -> Fingerprint {
    let mut hasher = Sha256::from_midstate(state).update(tail);
    let mut refs = refs;
    // A slice pattern instead of `refs[r]`: no bounds check.
    while let [ref first, ref rest @ ..] = *refs {
        hasher = hasher.update(&first.0);
        refs = rest;
    }
    Fingerprint(hasher.finalize())
}

/// An incremental SHA-256 hasher whose every method is a `const fn`.
///
/// Methods take and return the hasher by value so that they chain in a `const`:
///
/// ```
/// use objfp::sha256::{sha256, Sha256};
/// const SPLIT: [u8; 32] = Sha256::new().update(b"ab").update(b"c").finalize();
/// assert_eq!(SPLIT, sha256(b"abc"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Sha256 {
    h: [u32; 8],
    /// The current block as big-endian words, each in a `u64` as `compress` wants them. The
    /// first `nw` are complete; the others are zero, which `finalize` relies on.
    words: [u64; 16],
    nw: usize,
    /// Input bytes not yet in `words`, in the low `nbits` bits; the bits above are garbage
    /// that later shifts push out. Assembling words in a shift register instead of storing
    /// bytes makes a word one store, and input not aligned to words costs no more than
    /// aligned input.
    acc: u64,
    nbits: u32,
    len: u64,
}

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256 {
    /// A hasher with no input yet.
    ///
    /// ```
    /// use objfp::sha256::{sha256, Sha256};
    /// assert_eq!(Sha256::new().finalize(), sha256(b""));
    /// ```
    pub const fn new() -> Self {
        Self::from_midstate(Midstate::INITIAL)
    }

    /// Resumes from a state saved after whole blocks.
    #[doc(hidden)]
    pub const fn from_midstate(state: Midstate) -> Self {
        Sha256 {
            h: state.h,
            words: [0; 16],
            nw: 0,
            acc: 0,
            nbits: 0,
            len: state.len,
        }
    }

    /// The state to resume from with [`Sha256::from_midstate`], if the input so far is a
    /// whole number of blocks.
    #[cfg(test)]
    const fn midstate(&self) -> Option<Midstate> {
        if self.nw == 0 && self.nbits == 0 {
            Some(Midstate {
                h: self.h,
                len: self.len,
            })
        } else {
            None
        }
    }

    /// Appends `data`. How the input is split does not matter:
    ///
    /// ```
    /// use objfp::sha256::Sha256;
    /// let long = [7u8; 130]; // more than two blocks
    /// let whole = Sha256::new().update(&long).finalize();
    /// let split = Sha256::new().update(&long[..3]).update(&long[3..]).finalize();
    /// assert_eq!(whole, split);
    /// ```
    pub const fn update(mut self, mut data: &[u8]) -> Self {
        self.len += data.len() as u64;
        // Locals rather than fields while looping: a field is read and written through memory.
        let mut acc = self.acc;
        let mut nbits = self.nbits;
        let mut nw = self.nw;
        loop {
            // Slice patterns rather than `data[i]`: no bounds checks.
            let word;
            match *data {
                // Four bytes at a time: one pattern test and one store per word.
                [b0, b1, b2, b3, ref rest @ ..] => {
                    acc <<= 8u32;
                    acc |= b0 as u64;
                    acc <<= 8u32;
                    acc |= b1 as u64;
                    acc <<= 8u32;
                    acc |= b2 as u64;
                    acc <<= 8u32;
                    acc |= b3 as u64;
                    // The oldest 32 of the `nbits + 32` bits held; the newest `nbits` stay.
                    let mut w = acc;
                    w >>= nbits;
                    w &= 0xffff_ffff;
                    word = w;
                    data = rest;
                }
                [b, ref rest @ ..] => {
                    acc <<= 8u32;
                    acc |= b as u64;
                    data = rest;
                    nbits += 8;
                    if nbits < 32 {
                        continue;
                    }
                    nbits = 0;
                    let mut w = acc;
                    w &= 0xffff_ffff;
                    word = w;
                }
                [] => break,
            }
            self.words[nw] = word;
            nw += 1;
            if nw == 16 {
                compress(&mut self.h, &self.words);
                self.words = [0; 16];
                nw = 0;
            }
        }
        self.acc = acc;
        self.nbits = nbits;
        self.nw = nw;
        self
    }

    /// Appends the first `len` bytes of `data` (all of it when `len` is larger), without
    /// slicing it: in const evaluation, a call to `split_at` costs as much as a few
    /// percent of a compression.
    pub(crate) const fn update_prefix(mut self, mut data: &[u8], len: usize) -> Self {
        let mut left = if len < data.len() { len } else { data.len() };
        self.len += left as u64;
        // Locals rather than fields while looping: a field is read and written through memory.
        let mut acc = self.acc;
        let mut nbits = self.nbits;
        let mut nw = self.nw;
        loop {
            // Slice patterns rather than `data[i]`: no bounds checks.
            let word;
            match *data {
                // Four bytes at a time: one pattern test and one store per word.
                [b0, b1, b2, b3, ref rest @ ..] if left >= 4 => {
                    left -= 4;
                    acc <<= 8u32;
                    acc |= b0 as u64;
                    acc <<= 8u32;
                    acc |= b1 as u64;
                    acc <<= 8u32;
                    acc |= b2 as u64;
                    acc <<= 8u32;
                    acc |= b3 as u64;
                    // The oldest 32 of the `nbits + 32` bits held; the newest `nbits` stay.
                    let mut w = acc;
                    w >>= nbits;
                    w &= 0xffff_ffff;
                    word = w;
                    data = rest;
                }
                [b, ref rest @ ..] if left >= 1 => {
                    left -= 1;
                    acc <<= 8u32;
                    acc |= b as u64;
                    data = rest;
                    nbits += 8;
                    if nbits < 32 {
                        continue;
                    }
                    nbits = 0;
                    let mut w = acc;
                    w &= 0xffff_ffff;
                    word = w;
                }
                _ => break,
            }
            self.words[nw] = word;
            nw += 1;
            if nw == 16 {
                compress(&mut self.h, &self.words);
                self.words = [0; 16];
                nw = 0;
            }
        }
        self.acc = acc;
        self.nbits = nbits;
        self.nw = nw;
        self
    }

    /// Pads and returns the digest.
    ///
    /// ```
    /// use objfp::sha256::Sha256;
    /// const ABC: [u8; 32] = Sha256::new().update(b"abc").finalize();
    /// // FIPS 180-2, appendix B.1
    /// assert_eq!(ABC[..4], [0xba, 0x78, 0x16, 0xbf]);
    /// ```
    pub const fn finalize(mut self) -> [u8; 32] {
        let bits = self.len * 8;
        // The pending bytes, the 0x80 marker and zeros make one whole word.
        let mut pad = self.acc;
        pad <<= 8u32;
        pad |= 0x80;
        pad <<= 24 - self.nbits;
        pad &= 0xffff_ffff;
        self.words[self.nw] = pad;
        // The words after it are zero already; the length takes the last two of a block.
        if self.nw >= 14 {
            compress(&mut self.h, &self.words);
            self.words = [0; 16];
        }
        self.words[14] = bits >> 32u32;
        self.words[15] = bits & 0xffff_ffff;
        compress(&mut self.h, &self.words);
        let [a, b, c, d, e, f, g, h] = self.h;
        [
            (a >> 24u32) as u8,
            (a >> 16u32) as u8,
            (a >> 8u32) as u8,
            a as u8,
            (b >> 24u32) as u8,
            (b >> 16u32) as u8,
            (b >> 8u32) as u8,
            b as u8,
            (c >> 24u32) as u8,
            (c >> 16u32) as u8,
            (c >> 8u32) as u8,
            c as u8,
            (d >> 24u32) as u8,
            (d >> 16u32) as u8,
            (d >> 8u32) as u8,
            d as u8,
            (e >> 24u32) as u8,
            (e >> 16u32) as u8,
            (e >> 8u32) as u8,
            e as u8,
            (f >> 24u32) as u8,
            (f >> 16u32) as u8,
            (f >> 8u32) as u8,
            f as u8,
            (g >> 24u32) as u8,
            (g >> 16u32) as u8,
            (g >> 8u32) as u8,
            g as u8,
            (h >> 24u32) as u8,
            (h >> 16u32) as u8,
            (h >> 8u32) as u8,
            h as u8,
        ]
    }
}

// Conventions of `round!` and `sched!`, all for const-evaluation cost:
//
// - A 32-bit word is a `u64` below 2^32. Sums of a few words and of values below 2^62 cannot
//   overflow, so they are plain `+=` (a `wrapping_add` call costs three times as much); a mask
//   with 0xffff_ffff then reduces modulo 2^32. Masks and literals are written out because a
//   named constant is resolved at every use.
// - Rotations: `x * 0x1_0000_0001` puts a copy of `x` in the upper half, after which bits
//   `n..n + 32` of the doubled word are `x` rotated right by `n`. The three rotations of a
//   sigma share one doubled word and are nested (Horner's rule), so each costs one shift:
//   `rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25)` is `((d >> 14 ^ d) >> 5 ^ d) >> 6` for doubled
//   `d`. Garbage above bit 31 is removed by the next mask.
// - Compound assignments and `let` (`let mut s = x; s >>= 14u32; s ^= x;`) rather than
//   expressions: fewer MIR temporaries. Shift amounts are `u32` to spare a cast in the
//   overflow check.

/// One round. The caller rotates the names of the eight working variables instead of moving
/// values: `$d` becomes the new `e` and `$h` the new `a`. `$bc` is `b ^ c`, which is the
/// previous round's `a ^ b` and is returned in `$ab` for the next round, so that
/// `Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c))` costs three operations.
macro_rules! round {
    ($a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident,
     $k:ident, $w:ident, $bc:ident, $ab:ident) => {
        // h += Σ1(e)
        let mut x = $e;
        x *= 0x1_0000_0001;
        let mut s = x;
        s >>= 14u32;
        s ^= x;
        s >>= 5u32;
        s ^= x;
        s >>= 6u32;
        $h += s;
        // h += Ch(e, f, g) = g ^ (e & (f ^ g))
        let mut s = $f;
        s ^= $g;
        s &= $e;
        s ^= $g;
        $h += s;
        $h += $k;
        $h += $w;
        // h is T1: the new e is d + T1
        $d += $h;
        $d &= 0xffff_ffff;
        // h += Σ0(a)
        let mut x = $a;
        x *= 0x1_0000_0001;
        let mut s = x;
        s >>= 9u32;
        s ^= x;
        s >>= 11u32;
        s ^= x;
        s >>= 2u32;
        $h += s;
        // h += Maj(a, b, c)
        let mut $ab = $a;
        $ab ^= $b;
        let mut s = $bc;
        s &= $ab;
        s ^= $b;
        $h += s;
        $h &= 0xffff_ffff;
    };
}

/// Two message schedule steps at once, on pairs of words held in the two 64-bit lanes of
/// a `u128` (low lane first): `$p0` holds `(w[t - 16], w[t - 15])` and receives
/// `(w[t], w[t + 1])`; `$p1 = (w[t - 14], w[t - 13])`, `$p4 = (w[t - 8], w[t - 7])`,
/// `$p5 = (w[t - 6], w[t - 5])`, `$p7 = (w[t - 2], w[t - 1])`. The doubling and shifts of
/// `sched!` work lane by lane: a shift lets bits of the high lane into the top of the low
/// lane, above bit 45, which the masks remove before any addition could carry across.
macro_rules! sched2 {
    ($p0:ident, $p1:ident, $p4:ident, $p5:ident, $p7:ident) => {
        // σ0 of (w[t - 15], w[t - 14])
        let mut m = $p0;
        m >>= 64u32;
        let mut hi = $p1;
        hi <<= 64u32;
        m |= hi;
        let mut x = m;
        x *= 0x1_0000_0001;
        let mut s = x;
        s >>= 11u32;
        s ^= x;
        s >>= 4u32;
        s ^= m;
        s >>= 3u32;
        s &= 0xffff_ffff_0000_0000_ffff_ffff;
        $p0 += s;
        // w[t - 7], w[t - 6]
        let mut m = $p4;
        m >>= 64u32;
        let mut hi = $p5;
        hi <<= 64u32;
        m |= hi;
        $p0 += m;
        // σ1 of (w[t - 2], w[t - 1])
        let mut x = $p7;
        x *= 0x1_0000_0001;
        let mut s = x;
        s >>= 2u32;
        s ^= x;
        s >>= 7u32;
        s ^= $p7;
        s >>= 10u32;
        s &= 0xffff_ffff_0000_0000_ffff_ffff;
        $p0 += s;
        $p0 &= 0xffff_ffff_0000_0000_ffff_ffff;
    };
}

/// The SHA-256 compression function over one block of big-endian words.
const fn compress(state: &mut [u32; 8], block: &[u64; 16]) {
    // Destructuring copies without bounds checks, into locals the rounds use directly.
    let [
        mut w0,
        mut w1,
        mut w2,
        mut w3,
        mut w4,
        mut w5,
        mut w6,
        mut w7,
        mut w8,
        mut w9,
        mut w10,
        mut w11,
        mut w12,
        mut w13,
        mut w14,
        mut w15,
    ] = *block;
    // The schedule window as pairs for `sched2!`.
    let mut p0 = w0 as u128 | (w1 as u128) << 64u32;
    let mut p1 = w2 as u128 | (w3 as u128) << 64u32;
    let mut p2 = w4 as u128 | (w5 as u128) << 64u32;
    let mut p3 = w6 as u128 | (w7 as u128) << 64u32;
    let mut p4 = w8 as u128 | (w9 as u128) << 64u32;
    let mut p5 = w10 as u128 | (w11 as u128) << 64u32;
    let mut p6 = w12 as u128 | (w13 as u128) << 64u32;
    let mut p7 = w14 as u128 | (w15 as u128) << 64u32;
    let [h0, h1, h2, h3, h4, h5, h6, h7] = *state;
    let (mut a, mut b, mut c, mut d) = (h0 as u64, h1 as u64, h2 as u64, h3 as u64);
    let (mut e, mut f, mut g, mut h) = (h4 as u64, h5 as u64, h6 as u64, h7 as u64);
    let mut bc = b;
    bc ^= c;
    // 16 rounds per pass: the names of the working variables are back in place after 8,
    // and the schedule window after 16.
    let mut j = 0;
    while j < 4 {
        if j > 0 {
            sched2!(p0, p1, p4, p5, p7);
            sched2!(p1, p2, p5, p6, p0);
            sched2!(p2, p3, p6, p7, p1);
            sched2!(p3, p4, p7, p0, p2);
            sched2!(p4, p5, p0, p1, p3);
            sched2!(p5, p6, p1, p2, p4);
            sched2!(p6, p7, p2, p3, p5);
            sched2!(p7, p0, p3, p4, p6);
            w0 = p0 as u64;
            w1 = (p0 >> 64u32) as u64;
            w2 = p1 as u64;
            w3 = (p1 >> 64u32) as u64;
            w4 = p2 as u64;
            w5 = (p2 >> 64u32) as u64;
            w6 = p3 as u64;
            w7 = (p3 >> 64u32) as u64;
            w8 = p4 as u64;
            w9 = (p4 >> 64u32) as u64;
            w10 = p5 as u64;
            w11 = (p5 >> 64u32) as u64;
            w12 = p6 as u64;
            w13 = (p6 >> 64u32) as u64;
            w14 = p7 as u64;
            w15 = (p7 >> 64u32) as u64;
        }
        let [
            k0,
            k1,
            k2,
            k3,
            k4,
            k5,
            k6,
            k7,
            k8,
            k9,
            k10,
            k11,
            k12,
            k13,
            k14,
            k15,
        ] = K[j];
        round!(a, b, c, d, e, f, g, h, k0, w0, bc, ab0);
        round!(h, a, b, c, d, e, f, g, k1, w1, ab0, ab1);
        round!(g, h, a, b, c, d, e, f, k2, w2, ab1, ab2);
        round!(f, g, h, a, b, c, d, e, k3, w3, ab2, ab3);
        round!(e, f, g, h, a, b, c, d, k4, w4, ab3, ab4);
        round!(d, e, f, g, h, a, b, c, k5, w5, ab4, ab5);
        round!(c, d, e, f, g, h, a, b, k6, w6, ab5, ab6);
        round!(b, c, d, e, f, g, h, a, k7, w7, ab6, ab7);
        round!(a, b, c, d, e, f, g, h, k8, w8, ab7, ab8);
        round!(h, a, b, c, d, e, f, g, k9, w9, ab8, ab9);
        round!(g, h, a, b, c, d, e, f, k10, w10, ab9, ab10);
        round!(f, g, h, a, b, c, d, e, k11, w11, ab10, ab11);
        round!(e, f, g, h, a, b, c, d, k12, w12, ab11, ab12);
        round!(d, e, f, g, h, a, b, c, k13, w13, ab12, ab13);
        round!(c, d, e, f, g, h, a, b, k14, w14, ab13, ab14);
        round!(b, c, d, e, f, g, h, a, k15, w15, ab14, ab15);
        bc = ab15;
        j += 1;
    }
    // `as u32` truncates: the additions are modulo 2^32.
    *state = [
        (h0 as u64 + a) as u32,
        (h1 as u64 + b) as u32,
        (h2 as u64 + c) as u32,
        (h3 as u64 + d) as u32,
        (h4 as u64 + e) as u32,
        (h5 as u64 + f) as u32,
        (h6 as u64 + g) as u32,
        (h7 as u64 + h) as u32,
    ];
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::{Midstate, Sha256, finish, sha256};
    use crate::Fingerprint;
    use sha2::Digest;
    use std::vec::Vec;

    /// Non-trivial input without a dependency: the high bytes of a 32-bit LCG.
    fn bytes(seed: u32, len: usize) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (x >> 24) as u8
            })
            .collect()
    }

    fn reference(data: &[u8]) -> [u8; 32] {
        sha2::Sha256::digest(data).into()
    }

    fn hex(s: &str) -> [u8; 32] {
        let mut out = [0; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn fips_180_examples() {
        let cases: [(&[u8], &str); 4] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (
                b"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn\
                  hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            ),
        ];
        for (input, digest) in cases {
            assert_eq!(
                sha256(input),
                hex(digest),
                "{:?}",
                core::str::from_utf8(input)
            );
        }
        let million_a = [b'a'; 1_000_000];
        assert_eq!(
            sha256(&million_a),
            hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        );
    }

    /// Every length up to 300 covers each padding case (the 55/56, 63/64 and 119/120 edges:
    /// length in the same block, in a block of its own, after a full block) several times.
    #[test]
    fn every_length_up_to_300_matches_sha2() {
        let data = bytes(1, 300);
        for len in 0..=300 {
            assert_eq!(
                sha256(&data[..len]),
                reference(&data[..len]),
                "length {len}"
            );
        }
    }

    #[test]
    fn long_inputs_match_sha2() {
        for (seed, len) in [
            (2, 1_000),
            (3, 4_096),
            (4, 10_000),
            (5, 10_007),
            (6, 65_599),
        ] {
            let data = bytes(seed, len);
            assert_eq!(sha256(&data), reference(&data), "length {len}");
        }
    }

    #[test]
    fn incremental_updates_match_one_shot() {
        let data = bytes(7, 1_000);
        let want = reference(&data);
        assert_eq!(Sha256::default().update(&data).finalize(), want);
        for chunk in [
            1, 2, 3, 4, 5, 7, 8, 31, 32, 33, 55, 56, 63, 64, 65, 127, 128, 999,
        ] {
            let mut hasher = Sha256::new();
            for piece in data.chunks(chunk) {
                hasher = hasher.update(piece);
            }
            assert_eq!(hasher.finalize(), want, "chunks of {chunk}");
        }
        // Irregular splits, empty updates included.
        for seed in 0..100 {
            let sizes = bytes(seed, data.len());
            let (mut hasher, mut at, mut i) = (Sha256::new(), 0, 0);
            while at < data.len() {
                let next = (at + sizes[i] as usize % 71).min(data.len());
                hasher = hasher.update(&data[at..next]);
                (at, i) = (next, i + 1);
            }
            assert_eq!(hasher.finalize(), want, "split seed {seed}");
        }
    }

    #[test]
    fn finish_from_a_midstate_matches_sha2() {
        let data = bytes(8, 3 * 64 + 130);
        let refs: Vec<Fingerprint> = (0..6u8).map(|i| Fingerprint(reference(&[i]))).collect();
        for blocks in 0..=3 {
            let prefix = &data[..64 * blocks];
            let state = Sha256::new().update(prefix).midstate().unwrap();
            assert_eq!(state.len, prefix.len() as u64);
            for tail_len in 0..=130 {
                let tail = &data[64 * blocks..][..tail_len];
                for count in 0..=refs.len() {
                    let mut message = [prefix, tail].concat();
                    for fingerprint in &refs[..count] {
                        message.extend_from_slice(&fingerprint.0);
                    }
                    assert_eq!(
                        finish(state, tail, &refs[..count]).0,
                        reference(&message),
                        "{blocks} blocks, tail of {tail_len}, {count} refs",
                    );
                }
            }
        }
    }

    #[test]
    fn midstate_only_after_whole_blocks() {
        let data = bytes(9, 128);
        assert_eq!(Sha256::new().midstate(), Some(Midstate::INITIAL));
        assert_eq!(Sha256::new().update(&data[..3]).midstate(), None);
        assert_eq!(Sha256::new().update(&data[..60]).midstate(), None);
        assert_eq!(Sha256::new().update(&data[..65]).midstate(), None);
        // Uneven pieces that add up to whole blocks.
        let pieces = Sha256::new()
            .update(&data[..3])
            .update(&data[3..70])
            .update(&data[70..]);
        assert_eq!(pieces.midstate(), Sha256::new().update(&data).midstate());
        assert!(pieces.midstate().is_some());
    }

    #[test]
    fn const_evaluation_matches_sha2() {
        const ABC: [u8; 32] = sha256(b"abc");
        const SPLIT: [u8; 32] = Sha256::new().update(b"a").update(b"bc").finalize();
        const REFS: [Fingerprint; 3] = [
            Fingerprint([1; 32]),
            Fingerprint([2; 32]),
            Fingerprint([3; 32]),
        ];
        const TAIL: &[u8] = b"a tail of 23 bytes, odd";
        const TWO_BLOCKS: Fingerprint = finish(Midstate::INITIAL, TAIL, &REFS);
        const MIDSTATE: Midstate = match Sha256::new().update(&[7; 128]).midstate() {
            Some(state) => state,
            None => panic!("128 bytes are whole blocks"),
        };
        const AFTER_MIDSTATE: Fingerprint = finish(MIDSTATE, TAIL, &REFS);
        // Every length up to 130, hashed by const evaluation.
        const LENGTHS: [[u8; 32]; 131] = {
            let mut data = [0u8; 130];
            let mut i = 0;
            while i < data.len() {
                data[i] = (i * 37 + 11) as u8;
                i += 1;
            }
            let mut out = [[0; 32]; 131];
            let mut len = 0;
            while len <= 130 {
                out[len] = sha256(data.split_at(len).0);
                len += 1;
            }
            out
        };

        assert_eq!(
            ABC,
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(SPLIT, ABC);
        let refs: Vec<u8> = REFS.iter().flat_map(|f| f.0).collect();
        assert_eq!(TWO_BLOCKS.0, reference(&[TAIL, &refs].concat()));
        assert_eq!(
            AFTER_MIDSTATE.0,
            reference(&[&[7; 128], TAIL, &refs].concat())
        );
        let data: Vec<u8> = (0..130).map(|i| (i * 37 + 11) as u8).collect();
        for (len, digest) in LENGTHS.iter().enumerate() {
            assert_eq!(*digest, reference(&data[..len]), "length {len}");
        }
    }
}
