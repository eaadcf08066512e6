//! A file's modification time as a calendar day (UTC), for the accessed
//! date of a saved web page that names none: the day it was saved is the
//! day it was read.

use std::time::SystemTime;

/// (year, month, day) of `time` in UTC; `None` before 1970.
pub fn ymd(time: SystemTime) -> Option<(i32, u32, u32)> {
    let secs = time.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    Some(civil_from_days((secs / 86_400) as i64))
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 → the
/// proleptic Gregorian date.
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_792), (2026, 12, 5));
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(20_792 * 86_400 + 3_600);
        assert_eq!(ymd(t), Some((2026, 12, 5)));
    }
}
