//! The event model: how likely two groups of full-text articles report the same event.
//!
//! Its evidence ([`EventEvidence`]) compares two groups (an article is a group of one)
//! as wholes: the cosine of their content centroids, the cosine of their names
//! centroids (who and where), their *name contrast* (see below), how far apart they
//! were published, and the size of the smaller group. A logistic model turns the
//! evidence into a probability; its weights are fitted by the quality command
//! (`--fit`) on pairs of groups sampled from the labelled full-text sets (ECB+, BASIL,
//! the Gun Violence Corpus) together, each set weighing the same.
//!
//! **Name contrast** is what tells two events of one kind apart: two arrests of two
//! players of one team share the team, the charge and the police, but each report
//! names its own player, and the other report never does. For a group, a name's share
//! is the part of its articles that name it; the group's name mass is the sum of each
//! name's squared share times its rarity, so the names that most of the group repeats
//! dominate and a name one article mentions in passing barely counts. The contrast of
//! A against B is the part of A's name mass on names that no article of B mentions,
//! and the mutual contrast is the smaller of the two directions: both groups have
//! names of their own. Between two single articles it says little (reports of one
//! event name different bystanders); between groups it grows reliable, so the model
//! weighs it by the size of the smaller group.
//!
//! It does not decide which groups are compared, nor merge them (`events`).

/// What two groups of articles share.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EventEvidence {
    /// Cosine of the content centroids.
    pub content: f64,
    /// Cosine of the names centroids; 0 when either has no names.
    pub names: f64,
    /// Mutual name contrast (see the module's words); 0 when either has no names.
    pub contrast: f64,
    /// Days between the groups' median publication times, when both are known.
    pub days_apart: Option<f64>,
    /// Articles in the smaller group.
    pub smaller: usize,
}

/// How many inputs the model reads (see [`EventEvidence::inputs`]).
pub const EVENT_INPUTS: usize = 7;

/// The fitted weights: intercept, then one per input (see [`EventEvidence::inputs`]).
/// Fitted by `cargo run --release --example quality -- ../shared/corpus --fit`.
pub const EVENT_WEIGHTS: [f64; EVENT_INPUTS + 1] =
    [-2.263, 8.617, 3.236, 0.191, -6.111, -0.451, -3.408, 1.117];

impl EventEvidence {
    /// The model's inputs, in the order of [`EVENT_WEIGHTS`] (after its intercept).
    pub fn inputs(&self) -> [f64; EVENT_INPUTS] {
        let size = (self.smaller.max(1) as f64).ln();
        let days = self.days_apart.map_or(0.0, f64::ln_1p);
        [
            self.content,
            self.names,
            self.contrast,
            self.contrast * size,
            days,
            size,
            self.content * size,
        ]
    }

    /// The probability that the two groups report the same event, by the model with
    /// weights `w` (normally [`EVENT_WEIGHTS`]).
    pub fn probability(&self, w: &[f64; EVENT_INPUTS + 1]) -> f64 {
        probability_with(w, &self.inputs())
    }
}

/// The logistic model's value for `inputs` under weights `w` (intercept first).
pub fn probability_with(w: &[f64], inputs: &[f64]) -> f64 {
    let z = w[0] + inputs.iter().zip(&w[1..]).map(|(x, w)| x * w).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}
