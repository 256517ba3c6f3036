//! The moment a policy judges at: Unix seconds, or an RFC 3339 date and time
//! (`2026-12-02T10:00:00Z`, `2026-12-02T11:00:00.5+01:00`). Parsed with integer arithmetic,
//! the inverse of [`crate::jose::claims::civil_from_days`], rather than a date library in the
//! page for one function.

use super::PolicyError;

/// Unix seconds (`1796205600`, `-1`) or an RFC 3339 date-time (section 5.6: `T`, `t` or a space
/// between date and time, fractions of a second floored, `Z` or a `±HH:MM` offset). A leap
/// second (`:60`) counts as the next second.
pub fn parse_instant(text: &str) -> Result<i64, PolicyError> {
    let text = text.trim();
    let bad = |reason| PolicyError::Instant {
        text: text.to_owned(),
        reason,
    };
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().map_err(|_| bad("out of range"));
    }
    rfc3339(text.as_bytes()).map_err(bad)
}

/// An RFC 3339 date-time, or what is wrong with it.
fn rfc3339(s: &[u8]) -> Result<i64, &'static str> {
    let layout = "expected YYYY-MM-DDTHH:MM:SS followed by Z or an offset like +01:00";
    let at = |range: std::ops::Range<usize>| number(s.get(range).ok_or(layout)?).ok_or(layout);
    let fixed = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if fixed.iter().any(|&(i, c)| s.get(i) != Some(&c))
        || !matches!(s.get(10), Some(b'T' | b't' | b' '))
    {
        return Err(layout);
    }
    let (year, month, day) = (at(0..4)?, at(5..7)?, at(8..10)?);
    let (hour, minute, second) = (at(11..13)?, at(14..16)?, at(17..19)?);
    if !(1..=12).contains(&month) {
        return Err("the month is not 01 to 12");
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("the day does not exist in that month");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("the time of day is out of range");
    }
    let mut rest = s.get(19..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return Err("a '.' must be followed by digits");
        }
        // Fractions are floored: the time claims are whole seconds.
        rest = fraction.get(digits..).unwrap_or_default();
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (
                number(&[*h1, *h2]).ok_or(layout)?,
                number(&[*m1, *m2]).ok_or(layout)?,
            );
            if h > 23 || m > 59 {
                return Err("the offset is out of range");
            }
            let offset = (h * 60 + m) * 60;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return Err(layout),
    };
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3_600 + minute * 60 + second - offset)
}

/// A fixed-width run of ASCII digits as a number.
fn number(digits: &[u8]) -> Option<i64> {
    digits.iter().try_fold(0i64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1 to 12, day 1 to 31): the
/// inverse of [`crate::jose::claims::civil_from_days`]
/// (<https://howardhinnant.github.io/date_algorithms.html#days_from_civil>). Exact for any
/// year a four-digit RFC 3339 date can hold (and far beyond).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 {
        year.saturating_sub(1)
    } else {
        year
    };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = month.saturating_add(9).rem_euclid(12); // March = 0 … February = 11
    let doy = ((153 * mp + 2) / 5).saturating_add(day.saturating_sub(1)); // [0, 365] for real dates
    let doe = (yoe * 365 + yoe / 4 - yoe / 100).saturating_add(doy); // [0, 146096] for real dates
    // Saturating: out-of-range arguments give a far date rather than an overflow.
    era.saturating_mul(146_097)
        .saturating_add(doe)
        .saturating_sub(719_468)
}
