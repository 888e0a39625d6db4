//! Pseudo-random numbers for the tests that compare a fast path with a plain one on
//! many generated inputs: one seeded xorshift generator, so every run tests the same
//! inputs and a failure names a case that can be run again. Tests only.

/// Advances `seed` one xorshift step (13, 7, 17) and returns it. A seed of zero stays
/// zero: seed with any other number.
pub(crate) fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}
