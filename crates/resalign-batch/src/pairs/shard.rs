//! `--shard K/N`: a stable share of the pairs, so that N machines can split one corpus and
//! concatenate what they write.
//!
//! A pair belongs to the shard its id hashes to. The hash is FNV-1a, fixed here rather than
//! taken from the standard library, whose hasher may change between Rust releases: every
//! machine of an array job, whatever it was built with, must agree on the shares. Hashing the
//! id (rather than cutting the sorted list into ranges) keeps a pair in its shard when files
//! are added to the corpus, so a resumed shard never redoes a pair another shard has done.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};

/// Shard `index` of `count`, numbered from 0 like Kubernetes' `JOB_COMPLETION_INDEX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: usize,
    count: usize,
}

impl Shard {
    /// The whole corpus.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    pub fn new(index: usize, count: usize) -> Result<Shard, Error> {
        if count == 0 || index >= count {
            return Err(Error::new(ErrorKind::InvalidShard { index, count }));
        }
        Ok(Shard { index, count })
    }

    pub fn index(self) -> usize {
        self.index
    }

    pub fn count(self) -> usize {
        self.count
    }

    /// Whether the pair or file named `key` is in this shard.
    pub fn contains(self, key: &str) -> bool {
        self.count == 1 || id_hash(key) % self.count as u64 == self.index as u64
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `K/N`, as `--shard 3/8` takes it.
    fn from_str(text: &str) -> Result<Shard, String> {
        let malformed = || format!("`{text}` is not a shard: expected K/N, such as 0/4");
        let (index, count) = text.split_once('/').ok_or_else(malformed)?;
        let index = index.trim().parse().map_err(|_| malformed())?;
        let count = count.trim().parse().map_err(|_| malformed())?;
        Shard::new(index, count).map_err(|error| error.to_string())
    }
}

/// A hash of a pair id (or a path) that never changes between builds or machines.
pub(crate) fn id_hash(key: &str) -> u64 {
    spread(fnv1a(key.as_bytes()))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

/// MurmurHash3's finalizer: the low bits of FNV-1a depend only on the low bits of the bytes,
/// which would share ids out unevenly over a small number of shards.
fn spread(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash
}
