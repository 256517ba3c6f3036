//! Time claims (`exp`, `nbf`, `iat`, RFC 7519 §4.1), their human rendering, and reference data
//! for registered claims and header parameters.
//!
//! `now` is always a parameter: the core never reads a clock, so every rule is testable. Dates
//! are formatted with integer arithmetic (Howard Hinnant's days-to-civil algorithm), which is
//! exact for the proleptic Gregorian calendar and avoids a date-library dependency in the wasm
//! bundle for one function.

mod registry;

use serde_json::Value;

pub use registry::{
    ClaimInfo, MemberKind, REGISTERED, header_parameter_info, payload_claim_info,
    registered_claim_info,
};

/// How a time claim appeared in the payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimTime {
    /// The claim is absent.
    Absent,
    /// A NumericDate (fractions truncated towards negative infinity).
    Present {
        /// Seconds since 1970-01-01T00:00:00Z.
        value: i64,
        /// `value - now`: positive in the future, negative in the past.
        relative: i64,
    },
    /// The claim is present but not a number (e.g. a string date).
    NotNumeric {
        /// The JSON as written.
        raw: String,
    },
}

/// A problem with the time claims, with the seconds the UI needs to render it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeIssue {
    /// `now` is at or after `exp` (plus leeway): RFC 7519 §4.1.4 requires now to be before exp.
    Expired {
        /// How long ago `exp` was, in seconds (positive).
        seconds_ago: i64,
    },
    /// `nbf` (minus leeway) is in the future.
    NotYetValid {
        /// Seconds until `nbf` (positive).
        seconds_until: i64,
    },
    /// `iat` (minus leeway) is in the future.
    IssuedInFuture {
        /// Seconds until `iat` (positive).
        seconds_ahead: i64,
    },
    /// `exp` is at or before `iat`: the token was never valid (it must be used after `iat`
    /// and before `exp`).
    ExpBeforeIat {
        /// `iat - exp` in seconds (zero when they are equal).
        by_seconds: i64,
    },
    /// There is no `exp`: the token never expires.
    MissingExp,
    /// A time claim is not a number.
    NonNumeric {
        /// The claim name.
        claim: &'static str,
    },
}

impl TimeIssue {
    /// A sentence for the user, e.g. "expired 2 h ago".
    pub fn message(&self) -> String {
        match self {
            TimeIssue::Expired { seconds_ago } => {
                format!("expired {}", humanize_relative(-seconds_ago))
            }
            TimeIssue::NotYetValid { seconds_until } => {
                format!("not valid until {}", humanize_relative(*seconds_until))
            }
            TimeIssue::IssuedInFuture { seconds_ahead } => {
                format!(
                    "issued in the future ({})",
                    humanize_relative(*seconds_ahead)
                )
            }
            TimeIssue::ExpBeforeIat { by_seconds: 0 } => {
                "exp equals iat: the token was never valid".to_owned()
            }
            TimeIssue::ExpBeforeIat { by_seconds } => format!(
                "exp is {} before iat: the token was never valid",
                humanize_duration(*by_seconds)
            ),
            TimeIssue::MissingExp => "no exp claim: the token never expires".to_owned(),
            TimeIssue::NonNumeric { claim } => {
                format!("{claim} is not a NumericDate (seconds since 1970)")
            }
        }
    }
}

/// The time claims of a payload, checked against `now`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeValidity {
    /// The `exp` claim.
    pub exp: ClaimTime,
    /// The `nbf` claim.
    pub nbf: ClaimTime,
    /// The `iat` claim.
    pub iat: ClaimTime,
    /// Every problem found, in the order exp, nbf, iat, consistency.
    pub issues: Vec<TimeIssue>,
}

impl TimeValidity {
    /// True when the token is currently usable: not expired, not before `nbf`, not issued in
    /// the future, and no non-numeric time claims. A missing `exp` alone does not make it
    /// invalid (RFC 7519 makes `exp` optional); it is reported as an issue for the findings.
    pub fn is_currently_valid(&self) -> bool {
        self.issues.iter().all(|i| *i == TimeIssue::MissingExp)
    }
}

/// Checks `exp`, `nbf` and `iat` against `now` (seconds since the epoch), allowing `leeway`
/// seconds of clock skew. A non-object payload has no claims, so every claim is absent.
pub fn check_times(payload: &Value, now: i64, leeway: i64) -> TimeValidity {
    let read = |name: &str| read_time(payload.get(name), now);
    let (exp, nbf, iat) = (read("exp"), read("nbf"), read("iat"));
    let mut issues = Vec::new();
    match &exp {
        ClaimTime::Absent => issues.push(TimeIssue::MissingExp),
        ClaimTime::Present { value, .. } if now >= value.saturating_add(leeway) => {
            issues.push(TimeIssue::Expired {
                seconds_ago: now.saturating_sub(*value),
            });
        }
        ClaimTime::NotNumeric { .. } => issues.push(TimeIssue::NonNumeric { claim: "exp" }),
        ClaimTime::Present { .. } => {}
    }
    match &nbf {
        ClaimTime::Present { value, .. } if now < value.saturating_sub(leeway) => {
            issues.push(TimeIssue::NotYetValid {
                seconds_until: value.saturating_sub(now),
            });
        }
        ClaimTime::NotNumeric { .. } => issues.push(TimeIssue::NonNumeric { claim: "nbf" }),
        _ => {}
    }
    match &iat {
        ClaimTime::Present { value, .. } if now < value.saturating_sub(leeway) => {
            issues.push(TimeIssue::IssuedInFuture {
                seconds_ahead: value.saturating_sub(now),
            });
        }
        ClaimTime::NotNumeric { .. } => issues.push(TimeIssue::NonNumeric { claim: "iat" }),
        _ => {}
    }
    if let (ClaimTime::Present { value: e, .. }, ClaimTime::Present { value: i, .. }) = (&exp, &iat)
        && e <= i
    {
        issues.push(TimeIssue::ExpBeforeIat {
            by_seconds: i.saturating_sub(*e),
        });
    }
    TimeValidity {
        exp,
        nbf,
        iat,
        issues,
    }
}

fn read_time(value: Option<&Value>, now: i64) -> ClaimTime {
    let Some(value) = value else {
        return ClaimTime::Absent;
    };
    match numeric_date(value) {
        Some(value) => ClaimTime::Present {
            value,
            relative: value.saturating_sub(now),
        },
        None => ClaimTime::NotNumeric {
            raw: value.to_string(),
        },
    }
}

/// The one NumericDate reader (RFC 7519 §2): a JSON number of seconds since the epoch,
/// fractions floored. Strings, booleans, `null` and numbers beyond ±2^62 seconds (`1e300`)
/// are not NumericDates. The Verify pane, the claims table and the findings all read time
/// claims through this function, so they cannot disagree.
pub fn numeric_date(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(float_seconds)),
        _ => None,
    }
}

/// Floors a fractional NumericDate; values outside ±2^62 s (far beyond any calendar) count as
/// not numeric rather than saturating silently.
fn float_seconds(f: f64) -> Option<i64> {
    const LIMIT: f64 = 4.611_686_018_427_388e18;
    let floor = f.floor();
    // The range check makes the `as` conversion exact (no saturation can happen).
    (floor.is_finite() && floor.abs() < LIMIT).then_some(floor as i64)
}

/// "in 9 min", "2 h ago", "now": `seconds` is the target time minus now.
pub fn humanize_relative(seconds: i64) -> String {
    if seconds == 0 {
        return "now".to_owned();
    }
    let span = humanize_duration(seconds.saturating_abs());
    if seconds > 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// "45 s", "9 min", "2 h", "3 d", "2 y" for a non-negative number of seconds (floored to the
/// largest unit, as people read token lifetimes).
pub fn humanize_duration(seconds: i64) -> String {
    const UNITS: [(i64, &str); 5] = [
        (365 * 86_400, "y"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "min"),
        (1, "s"),
    ];
    let seconds = seconds.saturating_abs();
    for (size, name) in UNITS {
        if seconds >= size {
            return format!("{} {name}", seconds / size);
        }
    }
    "0 s".to_owned()
}

/// Formats a NumericDate as `YYYY-MM-DD HH:MM:SS UTC` (negative years for BCE, ISO style).
pub fn format_utc(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs_of_day = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60,
        secs_of_day % 60
    )
}

/// `seconds` as wall-clock time at `offset_minutes` east of UTC, e.g.
/// "2018-01-18 02:30:22 UTC+01:00": a local time without the browser's locale machinery,
/// whose first use costs tens of milliseconds on page load.
pub fn format_with_offset(seconds: i64, offset_minutes: i64) -> String {
    let local = seconds.saturating_add(offset_minutes.saturating_mul(60));
    let days = local.div_euclid(86_400);
    let secs_of_day = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let offset = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC{sign}{:02}:{:02}",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60,
        secs_of_day % 60,
        offset / 60,
        offset % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (<https://howardhinnant.github.io/date_algorithms.html#civil_from_days>). All intermediate
/// values stay far inside i64 for any `days` derived from an i64 of seconds.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in small ranges shown above, so the conversions cannot fail.
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_carry_their_offset() {
        assert_eq!(
            format_with_offset(1_516_239_022, 60),
            "2018-01-18 02:30:22 UTC+01:00"
        );
        assert_eq!(
            format_with_offset(1_516_239_022, -330),
            "2018-01-17 20:00:22 UTC-05:30"
        );
        assert_eq!(format_with_offset(0, 0), "1970-01-01 00:00:00 UTC+00:00");
    }

    #[test]
    fn civil_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_300_819_380), "2011-03-22 18:43:00 UTC");
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59 UTC");
        assert_eq!(format_utc(253_402_300_799), "9999-12-31 23:59:59 UTC");
        // Extremes must not panic or overflow.
        let _ = format_utc(i64::MAX);
        let _ = format_utc(i64::MIN);
    }

    #[test]
    fn humanize() {
        assert_eq!(humanize_relative(540), "in 9 min");
        assert_eq!(humanize_relative(-7200), "2 h ago");
        assert_eq!(humanize_relative(0), "now");
        assert_eq!(humanize_relative(59), "in 59 s");
        assert_eq!(humanize_relative(-3 * 86_400 - 5), "3 d ago");
        assert_eq!(
            humanize_relative(i64::MIN),
            format!("{} y ago", i64::MAX / (365 * 86_400))
        );
    }

    #[test]
    fn claim_table() {
        assert!(registered_claim_info("exp").is_some_and(|c| c.is_time && !c.is_header()));
        assert!(registered_claim_info("x5t#S256").is_some_and(|c| c.is_header()));
        assert!(registered_claim_info("EXP").is_none());
        // One registry, two views: a payload claim named "kid" is not the header's Key ID.
        assert!(payload_claim_info("kid").is_none());
        assert!(payload_claim_info("exp").is_some());
        assert!(header_parameter_info("kid").is_some());
        assert!(header_parameter_info("exp").is_none());
        assert_eq!(
            header_parameter_info("b64").map(|c| c.kind),
            Some(MemberKind::HeaderExtension)
        );
    }
}
