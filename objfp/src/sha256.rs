//! SHA-256 as `const fn`, for the part of a fingerprint that only const evaluation can see:
//! the fingerprints of referenced types.
//!
//! The derive hashes every byte it knows natively and hands over a [`Midstate`]; const
//! evaluation then only hashes the short tail and the referenced fingerprints with
//! [`finish`]. The output equals `sha2::Sha256` for every input (tested against it).

use crate::Fingerprint;

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
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
    let mut r = 0;
    while r < refs.len() {
        hasher = hasher.update(&refs[r].0);
        r += 1;
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
    block: [u8; 64],
    fill: usize,
    len: u64,
}

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256 {
    /// A hasher with no input yet.
    pub const fn new() -> Self {
        Self::from_midstate(Midstate::INITIAL)
    }

    /// Resumes from a state saved after whole blocks.
    #[doc(hidden)]
    pub const fn from_midstate(state: Midstate) -> Self {
        Sha256 {
            h: state.h,
            block: [0; 64],
            fill: 0,
            len: state.len,
        }
    }

    /// Appends `data`.
    pub const fn update(mut self, data: &[u8]) -> Self {
        let mut i = 0;
        while i < data.len() {
            self.block[self.fill] = data[i];
            self.fill += 1;
            if self.fill == 64 {
                compress(&mut self.h, &self.block);
                self.fill = 0;
            }
            i += 1;
        }
        self.len += data.len() as u64;
        self
    }

    /// Pads and returns the digest.
    pub const fn finalize(mut self) -> [u8; 32] {
        let bits = (self.len * 8).to_be_bytes();
        self.block[self.fill] = 0x80;
        self.fill += 1;
        if self.fill > 56 {
            while self.fill < 64 {
                self.block[self.fill] = 0;
                self.fill += 1;
            }
            compress(&mut self.h, &self.block);
            self.fill = 0;
        }
        while self.fill < 56 {
            self.block[self.fill] = 0;
            self.fill += 1;
        }
        let mut k = 0;
        while k < 8 {
            self.block[56 + k] = bits[k];
            k += 1;
        }
        compress(&mut self.h, &self.block);
        let mut out = [0u8; 32];
        let mut w = 0;
        while w < 8 {
            let b = self.h[w].to_be_bytes();
            out[4 * w] = b[0];
            out[4 * w + 1] = b[1];
            out[4 * w + 2] = b[2];
            out[4 * w + 3] = b[3];
            w += 1;
        }
        out
    }
}

const fn compress(h: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = [0u32; 64];
    let mut t = 0;
    while t < 16 {
        w[t] = u32::from_be_bytes([
            block[4 * t],
            block[4 * t + 1],
            block[4 * t + 2],
            block[4 * t + 3],
        ]);
        t += 1;
    }
    while t < 64 {
        let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
        let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16]
            .wrapping_add(s0)
            .wrapping_add(w[t - 7])
            .wrapping_add(s1);
        t += 1;
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
    t = 0;
    while t < 64 {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = hh
            .wrapping_add(s1)
            .wrapping_add(ch)
            .wrapping_add(K[t])
            .wrapping_add(w[t]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        hh = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
        t += 1;
    }
    h[0] = h[0].wrapping_add(a);
    h[1] = h[1].wrapping_add(b);
    h[2] = h[2].wrapping_add(c);
    h[3] = h[3].wrapping_add(d);
    h[4] = h[4].wrapping_add(e);
    h[5] = h[5].wrapping_add(f);
    h[6] = h[6].wrapping_add(g);
    h[7] = h[7].wrapping_add(hh);
}
