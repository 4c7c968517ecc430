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
    let mut index = 0;
    let mut unit: u64 = 1024;
    while index + 1 < UNITS.len() && bytes / 1024 >= unit {
        unit *= 1024;
        index += 1;
    }
    // Rounded in f64 (exact to 2^53 bytes, far past any figure shown to a tenth): integer
    // rounding would need u128, whose division adds its own routine to the wasm.
    let units = bytes as f64 / unit as f64;
    let tenths = (units * 10.0).round() as u64;
    if tenths < 100 {
        return format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[index]);
    }
    let whole = units.round() as u64;
    match UNITS.get(index + 1) {
        // 1023.6 MB reads as 1.0 GB, not 1024 MB.
        Some(next) if whole >= 1024 => format!("1.0 {next}"),
        _ => format!("{whole} {}", UNITS[index]),
    }
}
