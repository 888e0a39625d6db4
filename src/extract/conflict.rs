//! Conflict: the range of values a figure allows (its *bounds*, from its qualifier and
//! how far it may have been rounded) and whether two figures can both be true.
//!
//! Deciding which figures of a story are compared at all is `figures`.

use super::{Qualifier, Quantity, QuantityKind};

/// The range of values a figure allows given its qualifier, as (low, high).
pub fn bounds(quantity: &Quantity) -> (f64, f64) {
    let v = quantity.value;
    if let Some(upper) = quantity.upper {
        return (v.min(upper), v.max(upper));
    }
    let magnitude = v.abs();
    match quantity.qualifier {
        None => {
            let slack = rounding_of(quantity);
            (v - slack, v + slack)
        }
        Some(Qualifier::Exactly) => (v, v),
        Some(Qualifier::AtLeast) => (v, f64::INFINITY),
        Some(Qualifier::MoreThan) => (v + f64::EPSILON * magnitude.max(1.0), f64::INFINITY),
        Some(Qualifier::AtMost | Qualifier::UpTo) => (f64::NEG_INFINITY, v),
        Some(Qualifier::LessThan) => (f64::NEG_INFINITY, v - f64::EPSILON * magnitude.max(1.0)),
        Some(Qualifier::About) => (v - magnitude * 0.15 - 0.5, v + magnitude * 0.15 + 0.5),
        Some(Qualifier::Nearly) => (v - magnitude * 0.2 - 1.0, v),
    }
}

/// How far a figure written in digits may be from the true value because it was
/// rounded: just under half a unit of its last significant digit. "$114 million" may be
/// $114.3 million and "1.2 percent" may be 1.23 percent, but "653 drones" is a count and
/// is exact, and "20%" and "19%" still differ.
fn rounding_of(quantity: &Quantity) -> f64 {
    let Some(start) = quantity.text.find(|c: char| c.is_ascii_digit()) else {
        return 0.0;
    };
    let digits: String = quantity.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let Ok(written) = digits.parse::<f64>() else {
        return 0.0;
    };
    if written == 0.0 || quantity.kind != QuantityKind::Cardinal {
        return 0.0;
    }
    let scale = (quantity.value / written).abs();
    let last_digit = match digits.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => {
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            // "12,400 acres" and "$50 million" are likely rounded; "30 people" is a count.
            if zeros > 0 && (digits.len() >= 3 || scale > 1.0) {
                10f64.powi(zeros as i32)
            } else if scale > 1.0 || quantity.unit == "percent" {
                1.0
            } else {
                return 0.0;
            }
        }
    };
    0.49 * last_digit * scale
}

/// True when no reading of the two figures' qualifiers makes both true.
pub fn values_conflict(a: &Quantity, b: &Quantity) -> bool {
    let (low_a, high_a) = bounds(a);
    let (low_b, high_b) = bounds(b);
    high_a < low_b || high_b < low_a
}
