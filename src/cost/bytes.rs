//! Byte sizes as people read them: "3.2 GB", "740 MB", "12 KB". Integer arithmetic only:
//! formatting an `f64` would pull the float printing code into the wasm.
//!
//! Units are binary (1 KB = 1024 B) with the usual labels, as Milvus writes them in its own
//! texts (the loader's `memory limit exceeded[predict(MB)=…]` and `OOM if load` messages
//! divide bytes by 1024²): a figure here matches the one the server's refusal quotes.

const UNITS: [&str; 6] = ["KB", "MB", "GB", "TB", "PB", "EB"];

/// `bytes` in the largest unit it reaches: one decimal below 10 units, whole units above
/// (rounded half up); plain bytes below 1 KB.
pub fn format_bytes(bytes: u64) -> String {
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let value = u128::from(bytes);
    let mut index = 0;
    let mut unit: u128 = 1024;
    while index + 1 < UNITS.len() && value >= unit * 1024 {
        unit *= 1024;
        index += 1;
    }
    // Figures go to text as u64: formatting a u128 would pull its own printing code in.
    let tenths = u64::try_from((value * 10 + unit / 2) / unit).unwrap_or(u64::MAX);
    if tenths < 100 {
        return format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[index]);
    }
    let whole = u64::try_from((value + unit / 2) / unit).unwrap_or(u64::MAX);
    match UNITS.get(index + 1) {
        // 1023.6 MB reads as 1.0 GB, not 1024 MB.
        Some(next) if whole >= 1024 => format!("1.0 {next}"),
        _ => format!("{whole} {}", UNITS[index]),
    }
}
