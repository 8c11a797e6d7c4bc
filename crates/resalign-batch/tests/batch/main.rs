//! The batch crate through its public API: pairing trees and manifests, writing an output
//! directory the same on any number of threads, surviving bad files and interruptions,
//! sharding, and the pipe mode. One test binary, so the workspace links it once.

mod common;
mod corpus;
mod manifest;
mod output;
mod pairing;
mod results;
mod resume;
mod robustness;
mod shard;
mod stream;
