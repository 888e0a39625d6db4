//! Logistic regression for the fitted models (same fact, links between articles).

/// Logistic regression by Newton's method (iteratively reweighted least squares) with a
/// small L2 penalty on the weights (not the intercept): exact, and fast at this size.
pub fn newton_logistic(rows: &[(Vec<f64>, f64)], dims: usize, l2: f64) -> Vec<f64> {
    let weighted: Vec<(&[f64], f64, f64)> =
        rows.iter().map(|(x, y)| (x.as_slice(), *y, 1.0)).collect();
    weighted_newton_logistic(&weighted, dims, l2)
}

/// [`newton_logistic`] with a weight per row (the rows of each set sum to the same, say).
pub fn weighted_newton_logistic(rows: &[(&[f64], f64, f64)], dims: usize, l2: f64) -> Vec<f64> {
    let mut w = vec![0.0; dims];
    let n: f64 = rows.iter().map(|r| r.2).sum();
    for _ in 0..25 {
        let mut gradient = vec![0.0; dims];
        let mut hessian = vec![vec![0.0; dims]; dims];
        for &(x, y, weight) in rows {
            let features: Vec<f64> = std::iter::once(1.0).chain(x.iter().copied()).collect();
            let z: f64 = features.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            for (k, fk) in features.iter().enumerate() {
                gradient[k] += weight * (p - y) * fk / n;
                for (l, fl) in features.iter().enumerate() {
                    hessian[k][l] += weight * p * (1.0 - p) * fk * fl / n;
                }
            }
        }
        for k in 1..dims {
            gradient[k] += l2 * w[k];
            hessian[k][k] += l2;
        }
        // An unused input (all zeros) would make the system singular.
        for (k, row) in hessian.iter_mut().enumerate() {
            row[k] += 1e-9;
        }
        let step = solve(hessian, gradient);
        for (wk, sk) in w.iter_mut().zip(&step) {
            *wk -= sk;
        }
        // Converged: further steps change no printed digit (cross-validation fits
        // hundreds of models, so the iterations left are worth saving).
        if step.iter().all(|s| s.abs() < 1e-9) {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let diagonal = a[col][col];
        if diagonal.abs() < 1e-15 {
            continue;
        }
        let pivot_row = a[col].clone();
        for row in col + 1..n {
            let factor = a[row][col] / diagonal;
            for (cell, pivot) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *cell -= factor * pivot;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-15 {
            0.0
        } else {
            (b[row] - sum) / a[row][row]
        };
    }
    x
}
