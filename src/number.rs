//! Counts as people read them: digits grouped the way the browser's locale groups them
//! (`310,000` in en-US, `310.000` in de-DE). One `Intl.NumberFormat` serves every cell; natively
//! (server rendering, tests) numbers are grouped by commas.

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
