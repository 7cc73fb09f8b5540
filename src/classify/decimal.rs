//! Fixed-point formatting of the probabilities and weights in classification outputs: the
//! same characters as `format!("{v:.3}")` (or `{v:+.2}`), without the general float
//! formatter, which took a twentieth of a bulk run's time.
//!
//! Why the digits are the same: an `f32` has a 24-bit significand, so `v × 10^places` (at
//! most three places here) is exact in `f64`, and rounding that product half to even rounds
//! the exact decimal value of `v` as the standard formatter does.

use std::fmt::Write as _;

/// Largest magnitude written by the fast path; others go to the standard formatter.
const FAST_LIMIT: f32 = 1e9;

/// Appends `v` with `places` decimals (at most 3), with a `+` before non-negative values
/// when `plus` is set, exactly as `{v:.places$}` or `{v:+.places$}` would.
pub(crate) fn push_fixed(s: &mut String, v: f32, places: usize, plus: bool) {
    assert!(places <= 3, "at most three decimals are exact");
    if !v.is_finite() || v.abs() >= FAST_LIMIT {
        let _ = match plus {
            true => write!(s, "{v:+.places$}"),
            false => write!(s, "{v:.places$}"),
        };
        return;
    }
    if v.is_sign_negative() {
        s.push('-');
    } else if plus {
        s.push('+');
    }
    let scale = 10u64.pow(places as u32);
    let m = (f64::from(v.abs()) * scale as f64).round_ties_even() as u64;
    push_digits(s, m / scale, 1);
    if places > 0 {
        s.push('.');
        push_digits(s, m % scale, places);
    }
}

/// Appends the decimal digits of `n`, zero-padded to at least `width` (at most 20) digits.
fn push_digits(s: &mut String, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut start = buf.len();
    while n > 0 || buf.len() - start < width {
        start -= 1;
        buf[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    s.push_str(std::str::from_utf8(&buf[start..]).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(v: f32, places: usize, plus: bool) -> String {
        let mut s = String::new();
        push_fixed(&mut s, v, places, plus);
        s
    }

    fn standard(v: f32, places: usize, plus: bool) -> String {
        match plus {
            true => format!("{v:+.places$}"),
            false => format!("{v:.places$}"),
        }
    }

    #[test]
    fn same_characters_as_the_standard_formatter() {
        let mut vals = vec![
            0.0,
            -0.0,
            0.0005,
            0.0015,
            0.0025,
            0.125,
            0.375,
            0.9995,
            1.0,
            -0.005,
            -0.015,
            2.5,
            -2.345,
            0.00049999,
            123.4565,
            1e8,
            2e9,
            f32::NAN,
            f32::INFINITY,
        ];
        // Every 9,973rd bit pattern of [0, 2): all the exponents a probability or weight has.
        vals.extend((0..0x4000_0000u32).step_by(9973).map(f32::from_bits));
        vals.extend(
            (0..0x4000_0000u32)
                .step_by(31991)
                .map(|b| -f32::from_bits(b) * 3.0),
        );
        for v in vals {
            for places in 0..=3 {
                for plus in [false, true] {
                    assert_eq!(
                        fast(v, places, plus),
                        standard(v, places, plus),
                        "{v:e} {places} {plus}"
                    );
                }
            }
        }
    }
}
