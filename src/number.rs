//! Counts as people read them: digits grouped the way the browser's locale groups them
//! (`310,000` in en-US, `310.000` in de-DE). One `Intl.NumberFormat` serves every cell; natively
//! (server rendering, tests) numbers are grouped by commas. Other numbers in messages are
//! written to six decimals (`decimal`).

/// A number as written, to at most six decimals ("1.5", "-3"), with integer arithmetic (an
/// `f64` printed by `Display` would add the float printer to the wasm); `None` when it is too
/// large to show that way.
pub fn decimal(n: f64) -> Option<String> {
    const SCALE: u64 = 1_000_000;
    if n.is_nan() {
        return Some("NaN".into());
    }
    if n.is_infinite() {
        return Some(if n > 0.0 { "inf" } else { "-inf" }.into());
    }
    // Scaled by 10^6 it must fit an i64; larger values are written as their type.
    if n.abs() >= 1e12 {
        return None;
    }
    let scaled = (n * SCALE as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    let (whole, fraction) = (magnitude / SCALE, magnitude % SCALE);
    if fraction == 0 {
        return Some(format!("{sign}{whole}"));
    }
    let digits = format!("{fraction:06}");
    Some(format!("{sign}{whole}.{}", digits.trim_end_matches('0')))
}

/// `n` with its digits grouped in the user's locale.
pub fn grouped(n: u64) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(text) = intl::format(n) {
        return text;
    }
    plain(n)
}

/// Groups of three digits separated by commas.
pub fn plain(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use js_sys::{Array, Function, Intl, Object};
    use wasm_bindgen::JsValue;

    /// Larger integers are not exact as JavaScript numbers.
    const EXACT: u64 = 1 << 53;

    thread_local! {
        // Built once: constructing a formatter resolves the locale, which is slow.
        static FORMAT: Function = Intl::NumberFormat::new(&Array::new(), &Object::new()).format();
    }

    pub fn format(n: u64) -> Option<String> {
        if n >= EXACT {
            return None;
        }
        FORMAT
            .with(|format| format.call1(&JsValue::NULL, &JsValue::from_f64(n as f64)))
            .ok()?
            .as_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{grouped, plain};

    #[test]
    fn digits_are_grouped_by_three() {
        assert_eq!(plain(0), "0");
        assert_eq!(plain(999), "999");
        assert_eq!(plain(1_000), "1,000");
        assert_eq!(plain(310_000), "310,000");
        assert_eq!(plain(2_400_000), "2,400,000");
        assert_eq!(plain(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(grouped(12_345), "12,345");
    }
}
