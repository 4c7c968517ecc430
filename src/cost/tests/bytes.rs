//! The byte formatter: binary units, one decimal below 10, integer arithmetic.

use crate::cost::format_bytes;

#[test]
fn sizes_read_as_people_expect() {
    let table: [(u64, &str); 16] = [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1_535, "1.5 KB"),
        // 9.95 KB rounds to 10: whole units from there.
        (10_189, "10 KB"),
        (12 * 1024 + 300, "12 KB"),
        // 1,048,575 B is 1023.999 KB: rounds into the next unit.
        (1_048_575, "1.0 MB"),
        (740 * 1024 * 1024, "740 MB"),
        (3_435_973_837, "3.2 GB"),
        (3_489_660_928, "3.3 GB"),
        (1 << 30, "1.0 GB"),
        ((1 << 30) - 1, "1.0 GB"),
        (5 * (1 << 40), "5.0 TB"),
        (1 << 50, "1.0 PB"),
        (1 << 60, "1.0 EB"),
        (u64::MAX, "16 EB"),
    ];
    for (bytes, text) in table {
        assert_eq!(format_bytes(bytes), text, "{bytes}");
    }
}
