//! Times as ISO 8601 in UTC ("2023-11-14T22:13:20.000Z"), without the browser: the journal's
//! exports and the host's reports are written natively in tests too. Also the time of day as
//! the user reads it.

/// `millis` since the epoch as ISO 8601 UTC with milliseconds; the epoch when not finite.
pub fn iso_utc(millis: f64) -> String {
    let millis = if millis.is_finite() {
        millis.floor() as i64
    } else {
        0
    };
    let (days, ms_of_day) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    let seconds = ms_of_day / 1000;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        ms_of_day % 1000
    )
}

/// Year, month and day of a day count from 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// "HH:MM" in the user's time zone (UTC where there is no browser, as in native tests).
pub fn local_time(at: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at));
        format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        iso_utc(at).get(11..16).unwrap_or_default().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::iso_utc;

    #[test]
    fn formats_utc_with_milliseconds() {
        assert_eq!(iso_utc(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(1_700_000_000_000.0), "2023-11-14T22:13:20.000Z");
        assert_eq!(iso_utc(951_825_600_123.0), "2000-02-29T12:00:00.123Z");
        assert_eq!(iso_utc(-1.0), "1969-12-31T23:59:59.999Z");
        assert_eq!(iso_utc(f64::NAN), "1970-01-01T00:00:00.000Z");
    }
}
