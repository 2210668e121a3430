//! Go's `time.Time` and `time.Duration` as template values: printing (`Time.String`,
//! `Duration.String`), layout formatting and parsing (`Format`, `ParseInLocation` with Go's
//! reference-time layouts and error messages), `ParseDuration`, and the methods Go's
//! text/template can call on them (`$t.Format "…"`, `.Add`, `.AddDate`, `.Sub`, `.Before`,
//! `.In`, `.Round`, `.Month` as a `time.Month`, …; `$d.Hours`, `.Round`, `.Truncate`, …), with
//! the `time.Month`, `time.Weekday` and `*time.Location` values they return.
//!
//! The process's local zone (`time.Local`) is taken to be UTC, as in Capsule's controller image;
//! it differs from `time.UTC` only in its name and in `==`. Named zones come from jiff's bundled
//! tz database.

use std::any::Any;
use std::fmt::Write;
use std::rc::Rc;

use crate::template::{GoObject, GoType, Kind, Value};

/// Where a time is shown: Go's `*time.Location`.
#[derive(Clone, Debug)]
pub(crate) enum Loc {
    /// `time.UTC`.
    Utc,
    /// `time.Local`: the controller's zone, which is UTC (it differs from [`Loc::Utc`] only in
    /// its name, `Local`, and in Go's `==` on times).
    Local,
    /// `time.FixedZone(name, offset)`.
    Fixed { name: String, offset: i32 },
    /// A zone from the tz database.
    Named(jiff::tz::TimeZone),
}

impl Loc {
    /// `time.LoadLocation(name)`: "" and "UTC" are UTC, "Local" is the local zone (UTC here).
    pub(crate) fn load(name: &str) -> Result<Loc, String> {
        match name {
            "" | "UTC" => Ok(Loc::Utc),
            "Local" => Ok(Loc::Local),
            _ => jiff::tz::TimeZone::get(name)
                .map(Loc::Named)
                .map_err(|_| format!("unknown time zone {name}")),
        }
    }

    /// `Location.String()`: the name the location was created with.
    fn name(&self) -> String {
        match self {
            Loc::Utc => "UTC".into(),
            Loc::Local => "Local".into(),
            Loc::Fixed { name, .. } => name.clone(),
            Loc::Named(tz) => tz.iana_name().unwrap_or_default().to_string(),
        }
    }

    /// Whether daylight saving time is in effect at a Unix second (`Time.IsDST`).
    fn is_dst(&self, unix: i64) -> bool {
        match self {
            Loc::Named(tz) => jiff::Timestamp::from_second(unix)
                .map(|ts| tz.to_offset_info(ts).dst().is_dst())
                .unwrap_or(false),
            _ => false,
        }
    }

    /// Whether two locations are the same Go `*time.Location` as far as `==` on times can tell.
    fn same(&self, other: &Loc) -> bool {
        match (self, other) {
            (Loc::Utc, Loc::Utc) | (Loc::Local, Loc::Local) => true,
            (Loc::Fixed { name: a, offset: x }, Loc::Fixed { name: b, offset: y }) => {
                a == b && x == y
            }
            (Loc::Named(a), Loc::Named(b)) => a.iana_name() == b.iana_name(),
            _ => false,
        }
    }

    /// The offset (seconds east of UTC) and abbreviation in effect at a Unix second.
    fn lookup(&self, unix: i64) -> (i32, String) {
        match self {
            Loc::Utc | Loc::Local => (0, "UTC".into()),
            Loc::Fixed { name, offset } => (*offset, name.clone()),
            Loc::Named(tz) => match jiff::Timestamp::from_second(unix) {
                Ok(ts) => {
                    let info = tz.to_offset_info(ts);
                    (info.offset().seconds(), info.abbreviation().to_string())
                }
                Err(_) => (0, "UTC".into()),
            },
        }
    }
}

/// A Go `time.Time`: an instant (Unix seconds and nanoseconds) and a location.
#[derive(Clone, Debug)]
pub(crate) struct GoTime {
    pub(crate) unix: i64,
    pub(crate) nsec: u32,
    pub(crate) loc: Loc,
}

/// Seconds from 0001-01-01 to 1970-01-01.
const ZERO_TO_UNIX: i64 = 62_135_596_800;

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The broken-down fields of a time in its location.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    min: u32,
    sec: u32,
    nsec: u32,
    weekday: usize,
    yday: u32,
    offset: i32,
    abbrev: String,
}

impl GoTime {
    /// Go's zero `time.Time` (0001-01-01 00:00:00 UTC).
    pub(crate) fn zero() -> GoTime {
        GoTime {
            unix: -ZERO_TO_UNIX,
            nsec: 0,
            loc: Loc::Utc,
        }
    }

    /// A time at Unix nanoseconds in the local zone (`time.Unix(0, n)`, `time.Now()`).
    pub(crate) fn from_unix_nanos(n: i128) -> GoTime {
        GoTime {
            unix: n.div_euclid(1_000_000_000) as i64,
            nsec: n.rem_euclid(1_000_000_000) as u32,
            loc: Loc::Local,
        }
    }

    /// The same instant shown in another location (`t.In(loc)`).
    pub(crate) fn in_loc(&self, loc: Loc) -> GoTime {
        GoTime {
            unix: self.unix,
            nsec: self.nsec,
            loc,
        }
    }

    /// Nanoseconds since the Unix epoch.
    pub(crate) fn unix_nanos(&self) -> i128 {
        i128::from(self.unix) * 1_000_000_000 + i128::from(self.nsec)
    }

    /// `t.Add(d)`.
    pub(crate) fn add(&self, d: i64) -> GoTime {
        let n = self.unix_nanos() + i128::from(d);
        let mut t = GoTime::from_unix_nanos(n);
        t.loc = self.loc.clone();
        t
    }

    fn civil(&self) -> Civil {
        let (offset, abbrev) = self.loc.lookup(self.unix);
        let local = self.unix.saturating_add(i64::from(offset));
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        let weekday = (days + 4).rem_euclid(7) as usize;
        let yday = (days - days_from_civil(year, 1, 1)) as u32 + 1;
        Civil {
            year,
            month,
            day,
            hour: secs / 3600,
            min: secs / 60 % 60,
            sec: secs % 60,
            nsec: self.nsec,
            weekday,
            yday,
            offset,
            abbrev,
        }
    }

    /// `t.Format(time.RFC3339Nano)`, the form `encoding/json` uses.
    pub(crate) fn rfc3339_nano(&self) -> String {
        self.format("2006-01-02T15:04:05.999999999Z07:00")
    }

    /// `t.Format(layout)` with Go's reference-time layout elements.
    pub(crate) fn format(&self, layout: &str) -> String {
        let c = self.civil();
        let mut out = String::new();
        let mut rest = layout;
        while !rest.is_empty() {
            let (prefix, std, suffix) = next_std_chunk(rest);
            out.push_str(prefix);
            let Some(std) = std else { break };
            rest = suffix;
            format_chunk(&mut out, &c, std);
        }
        out
    }
}

fn pad(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    let s = v.unsigned_abs().to_string();
    for _ in s.len()..width {
        out.push('0');
    }
    out.push_str(&s);
}

fn format_chunk(out: &mut String, c: &Civil, std: Std) {
    match std {
        Std::Year => pad(out, c.year.rem_euclid(100), 2),
        Std::LongYear => pad(out, c.year, 4),
        Std::Month => out.push_str(&LONG_MONTHS[c.month as usize - 1][..3]),
        Std::LongMonth => out.push_str(LONG_MONTHS[c.month as usize - 1]),
        Std::NumMonth => pad(out, c.month.into(), 0),
        Std::ZeroMonth => pad(out, c.month.into(), 2),
        Std::WeekDay => out.push_str(&LONG_DAYS[c.weekday][..3]),
        Std::LongWeekDay => out.push_str(LONG_DAYS[c.weekday]),
        Std::Day => pad(out, c.day.into(), 0),
        Std::UnderDay => {
            if c.day < 10 {
                out.push(' ');
            }
            pad(out, c.day.into(), 0);
        }
        Std::ZeroDay => pad(out, c.day.into(), 2),
        Std::UnderYearDay => {
            if c.yday < 100 {
                out.push(' ');
                if c.yday < 10 {
                    out.push(' ');
                }
            }
            pad(out, c.yday.into(), 0);
        }
        Std::ZeroYearDay => pad(out, c.yday.into(), 3),
        Std::Hour => pad(out, c.hour.into(), 2),
        Std::Hour12 | Std::ZeroHour12 => {
            let h = match c.hour % 12 {
                0 => 12,
                h => h,
            };
            pad(out, h.into(), if std == Std::ZeroHour12 { 2 } else { 0 });
        }
        Std::Minute => pad(out, c.min.into(), 0),
        Std::ZeroMinute => pad(out, c.min.into(), 2),
        Std::Second => pad(out, c.sec.into(), 0),
        Std::ZeroSecond => pad(out, c.sec.into(), 2),
        Std::PM => out.push_str(if c.hour >= 12 { "PM" } else { "AM" }),
        Std::Pm => out.push_str(if c.hour >= 12 { "pm" } else { "am" }),
        Std::Tz(kind, iso) => {
            if iso && c.offset == 0 {
                out.push('Z');
                return;
            }
            let zone = c.offset / 60;
            let abs = zone.unsigned_abs();
            out.push(if zone < 0 { '-' } else { '+' });
            pad(out, (abs / 60).into(), 2);
            let colon = matches!(kind, TzKind::Colon | TzKind::ColonSeconds);
            if kind != TzKind::Short {
                if colon {
                    out.push(':');
                }
                pad(out, (abs % 60).into(), 2);
            }
            if matches!(kind, TzKind::Seconds | TzKind::ColonSeconds) {
                if colon {
                    out.push(':');
                }
                pad(out, i64::from(c.offset.unsigned_abs() % 60), 2);
            }
        }
        Std::TzName => {
            if !c.abbrev.is_empty() {
                out.push_str(&c.abbrev);
            } else {
                let zone = c.offset / 60;
                let abs = zone.unsigned_abs();
                out.push(if zone < 0 { '-' } else { '+' });
                pad(out, (abs / 60).into(), 2);
                pad(out, (abs % 60).into(), 2);
            }
        }
        Std::Frac { sep, digits, trim } => {
            let s = format!("{:09}", c.nsec);
            let mut frac = &s[..digits.min(9)];
            if trim {
                frac = frac.trim_end_matches('0');
                if frac.is_empty() {
                    return;
                }
            }
            out.push(sep);
            out.push_str(frac);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TzKind {
    /// `-0700`
    Num,
    /// `-07:00`
    Colon,
    /// `-07`
    Short,
    /// `-070000`
    Seconds,
    /// `-07:00:00`
    ColonSeconds,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Std {
    Year,
    LongYear,
    Month,
    LongMonth,
    NumMonth,
    ZeroMonth,
    WeekDay,
    LongWeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    PM,
    Pm,
    /// A numeric offset; `true` for the `Z…` (ISO 8601) forms.
    Tz(TzKind, bool),
    /// `MST`
    TzName,
    Frac {
        sep: char,
        digits: usize,
        trim: bool,
    },
}

fn starts_lower(s: &str) -> bool {
    s.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// Go's `nextStdChunk`: the literal prefix, the layout element, and the rest.
fn next_std_chunk(layout: &str) -> (&str, Option<Std>, &str) {
    let b = layout.as_bytes();
    let at = |i: usize, s: &str| layout.get(i..).is_some_and(|r| r.starts_with(s));
    let mut i = 0;
    while i < b.len() {
        let hit: Option<(Std, usize)> = match b[i] {
            b'J' if at(i, "January") => Some((Std::LongMonth, 7)),
            b'J' if at(i, "Jan") && !starts_lower(&layout[i + 3..]) => Some((Std::Month, 3)),
            b'M' if at(i, "Monday") => Some((Std::LongWeekDay, 6)),
            b'M' if at(i, "Mon") && !starts_lower(&layout[i + 3..]) => Some((Std::WeekDay, 3)),
            b'M' if at(i, "MST") => Some((Std::TzName, 3)),
            b'0' if matches!(b.get(i + 1), Some(b'1'..=b'6')) => {
                let std = match b.get(i + 1) {
                    Some(b'1') => Std::ZeroMonth,
                    Some(b'2') => Std::ZeroDay,
                    Some(b'3') => Std::ZeroHour12,
                    Some(b'4') => Std::ZeroMinute,
                    Some(b'5') => Std::ZeroSecond,
                    _ => Std::Year,
                };
                Some((std, 2))
            }
            b'0' if at(i, "002") => Some((Std::ZeroYearDay, 3)),
            b'1' if b.get(i + 1) == Some(&b'5') => Some((Std::Hour, 2)),
            b'1' => Some((Std::NumMonth, 1)),
            b'2' if at(i, "2006") => Some((Std::LongYear, 4)),
            b'2' => Some((Std::Day, 1)),
            b'_' if b.get(i + 1) == Some(&b'2') => {
                if at(i + 1, "2006") {
                    return (&layout[..i + 1], Some(Std::LongYear), &layout[i + 5..]);
                }
                Some((Std::UnderDay, 2))
            }
            b'_' if at(i, "__2") => Some((Std::UnderYearDay, 3)),
            b'3' => Some((Std::Hour12, 1)),
            b'4' => Some((Std::Minute, 1)),
            b'5' => Some((Std::Second, 1)),
            b'P' if b.get(i + 1) == Some(&b'M') => Some((Std::PM, 2)),
            b'p' if b.get(i + 1) == Some(&b'm') => Some((Std::Pm, 2)),
            b'-' | b'Z' => {
                let iso = b[i] == b'Z';
                let tail = &layout[i + 1..];
                if tail.starts_with("070000") {
                    Some((Std::Tz(TzKind::Seconds, iso), 7))
                } else if tail.starts_with("07:00:00") {
                    Some((Std::Tz(TzKind::ColonSeconds, iso), 9))
                } else if tail.starts_with("0700") {
                    Some((Std::Tz(TzKind::Num, iso), 5))
                } else if tail.starts_with("07:00") {
                    Some((Std::Tz(TzKind::Colon, iso), 6))
                } else if tail.starts_with("07") {
                    Some((Std::Tz(TzKind::Short, iso), 3))
                } else {
                    None
                }
            }
            c @ (b'.' | b',') if matches!(b.get(i + 1), Some(b'0' | b'9')) => {
                let ch = b[i + 1];
                let mut j = i + 1;
                while b.get(j) == Some(&ch) {
                    j += 1;
                }
                if b.get(j).is_some_and(u8::is_ascii_digit) {
                    None
                } else {
                    Some((
                        Std::Frac {
                            sep: char::from(c),
                            digits: j - (i + 1),
                            trim: ch == b'9',
                        },
                        j - i,
                    ))
                }
            }
            _ => None,
        };
        if let Some((std, len)) = hit {
            return (&layout[..i], Some(std), &layout[i + len..]);
        }
        // Advance by one character (layouts may hold non-ASCII text).
        i += layout[i..].chars().next().map_or(1, char::len_utf8);
    }
    (layout, None, "")
}

/// `time`'s own quoting in parse errors: `"` and `\` escaped, non-ASCII bytes as `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "\\x{byte:02x}");
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

fn parse_error(layout: &str, value: &str, layout_elem: &str, value_elem: &str) -> String {
    format!(
        "parsing time {} as {}: cannot parse {} as {}",
        time_quote(value),
        time_quote(layout),
        time_quote(value_elem),
        time_quote(layout_elem)
    )
}

fn getnum(s: &str, fixed: bool) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    let d0 = *b.first().filter(|c| c.is_ascii_digit())?;
    match b.get(1) {
        Some(d1) if d1.is_ascii_digit() => {
            Some((i64::from(d0 - b'0') * 10 + i64::from(d1 - b'0'), &s[2..]))
        }
        _ if fixed => None,
        _ => Some((i64::from(d0 - b'0'), &s[1..])),
    }
}

fn getnum3(s: &str, fixed: bool) -> Option<(i64, &str)> {
    let mut n = 0i64;
    let mut i = 0;
    while i < 3 && s.as_bytes().get(i).is_some_and(u8::is_ascii_digit) {
        n = n * 10 + i64::from(s.as_bytes()[i] - b'0');
        i += 1;
    }
    if i == 0 || (fixed && i != 3) {
        return None;
    }
    Some((n, &s[i..]))
}

fn lookup<'a>(names: &[&str], short: bool, value: &'a str) -> Option<(usize, &'a str)> {
    for (i, name) in names.iter().enumerate() {
        let name = if short { &name[..3] } else { name };
        if value.len() >= name.len()
            && value.is_char_boundary(name.len())
            && value[..name.len()].eq_ignore_ascii_case(name)
        {
            return Some((i, &value[name.len()..]));
        }
    }
    None
}

fn skip<'a>(mut value: &'a str, mut prefix: &str) -> Option<&'a str> {
    while let Some(p) = prefix.chars().next() {
        if p == ' ' {
            if !value.is_empty() && !value.starts_with(' ') {
                return None;
            }
            prefix = prefix.trim_start_matches(' ');
            value = value.trim_start_matches(' ');
            continue;
        }
        if !value.starts_with(p) {
            return None;
        }
        value = &value[p.len_utf8()..];
        prefix = &prefix[p.len_utf8()..];
    }
    Some(value)
}

fn parse_nanos(value: &str, nbytes: usize) -> Option<u32> {
    if !matches!(value.as_bytes().first(), Some(b'.' | b',')) {
        return None;
    }
    let nbytes = nbytes.min(10);
    let digits = value.get(1..nbytes)?;
    let mut ns: u32 = digits.parse().ok()?;
    for _ in 0..(10 - nbytes) {
        ns *= 10;
    }
    Some(ns)
}

fn parse_tz_name(value: &str) -> Option<usize> {
    let b = value.as_bytes();
    if b.len() < 3 {
        return None;
    }
    if value.starts_with("ChST") || value.starts_with("MeST") {
        return Some(4);
    }
    if let Some(rest) = value.strip_prefix("GMT") {
        let mut n = 3;
        if let Some(sign @ (b'+' | b'-')) = rest.as_bytes().first().copied() {
            let digits: usize = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && sign != 0 {
                n += 1 + digits;
            }
        }
        return Some(n);
    }
    let upper = b
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    match upper {
        3 => Some(3),
        4 if b[3] == b'T' || value.starts_with("WITA") => Some(4),
        5 if b[4] == b'T' => Some(5),
        _ => None,
    }
}

/// `time.ParseInLocation(layout, value, loc)` with Go's error messages.
pub(crate) fn parse_in_location(layout: &str, value: &str, loc: &Loc) -> Result<GoTime, String> {
    let (alayout, avalue) = (layout, value);
    let mut layout = layout;
    let mut value = value;
    let (mut year, mut month, mut day, mut yday) = (0i64, -1i64, -1i64, -1i64);
    let (mut hour, mut min, mut sec, mut nsec) = (0i64, 0i64, 0i64, 0u32);
    let mut utc_set = false;
    let mut zone_offset: Option<i64> = None;
    let mut zone_name = String::new();
    let (mut pm_set, mut am_set) = (false, false);
    loop {
        let (prefix, std, suffix) = next_std_chunk(layout);
        let stdstr = &layout[prefix.len()..layout.len() - suffix.len()];
        value = match skip(value, prefix) {
            Some(v) => v,
            None => return Err(parse_error(alayout, avalue, prefix, value)),
        };
        let Some(std) = std else {
            if !value.is_empty() {
                return Err(format!(
                    "parsing time {}: extra text: {}",
                    time_quote(avalue),
                    time_quote(value)
                ));
            }
            break;
        };
        layout = suffix;
        let hold = value;
        let mut range_err: Option<&str> = None;
        let ok: Option<()> = (|| {
            match std {
                Std::Year => {
                    let p = value.get(..2)?;
                    let y: i64 = p
                        .parse()
                        .ok()
                        .filter(|_| p.bytes().all(|c| c.is_ascii_digit()))?;
                    value = &value[2..];
                    year = if y >= 69 { y + 1900 } else { y + 2000 };
                }
                Std::LongYear => {
                    let p = value.get(..4)?;
                    if !p.bytes().all(|c| c.is_ascii_digit()) {
                        return None;
                    }
                    year = p.parse().ok()?;
                    value = &value[4..];
                }
                Std::Month | Std::LongMonth => {
                    let (m, rest) = lookup(&LONG_MONTHS, std == Std::Month, value)?;
                    month = m as i64 + 1;
                    value = rest;
                }
                Std::NumMonth | Std::ZeroMonth => {
                    let (m, rest) = getnum(value, std == Std::ZeroMonth)?;
                    month = m;
                    value = rest;
                    if !(1..=12).contains(&m) {
                        range_err = Some("month");
                    }
                }
                Std::WeekDay | Std::LongWeekDay => {
                    let (_, rest) = lookup(&LONG_DAYS, std == Std::WeekDay, value)?;
                    value = rest;
                }
                Std::Day | Std::UnderDay | Std::ZeroDay => {
                    if std == Std::UnderDay && value.starts_with(' ') {
                        value = &value[1..];
                    }
                    let (d, rest) = getnum(value, std == Std::ZeroDay)?;
                    day = d;
                    value = rest;
                }
                Std::UnderYearDay | Std::ZeroYearDay => {
                    for _ in 0..2 {
                        if std == Std::UnderYearDay && value.starts_with(' ') {
                            value = &value[1..];
                        }
                    }
                    let (d, rest) = getnum3(value, std == Std::ZeroYearDay)?;
                    yday = d;
                    value = rest;
                }
                Std::Hour => {
                    let (h, rest) = getnum(value, false)?;
                    hour = h;
                    value = rest;
                    if !(0..24).contains(&h) {
                        range_err = Some("hour");
                    }
                }
                Std::Hour12 | Std::ZeroHour12 => {
                    let (h, rest) = getnum(value, std == Std::ZeroHour12)?;
                    hour = h;
                    value = rest;
                    if !(0..=12).contains(&h) {
                        range_err = Some("hour");
                    }
                }
                Std::Minute | Std::ZeroMinute => {
                    let (m, rest) = getnum(value, std == Std::ZeroMinute)?;
                    min = m;
                    value = rest;
                    if !(0..60).contains(&m) {
                        range_err = Some("minute");
                    }
                }
                Std::Second | Std::ZeroSecond => {
                    let (s, rest) = getnum(value, std == Std::ZeroSecond)?;
                    sec = s;
                    value = rest;
                    if !(0..60).contains(&s) {
                        range_err = Some("second");
                        return Some(());
                    }
                    let vb = value.as_bytes();
                    if vb.len() >= 2 && matches!(vb[0], b'.' | b',') && vb[1].is_ascii_digit() {
                        if let (_, Some(Std::Frac { .. }), _) = next_std_chunk(layout) {
                            return Some(());
                        }
                        let mut n = 2;
                        while vb.get(n).is_some_and(u8::is_ascii_digit) {
                            n += 1;
                        }
                        nsec = parse_nanos(value, n)?;
                        value = &value[n..];
                    }
                }
                Std::PM | Std::Pm => {
                    let p = value.get(..2)?;
                    let (pm, am) = if std == Std::PM {
                        ("PM", "AM")
                    } else {
                        ("pm", "am")
                    };
                    if p == pm {
                        pm_set = true;
                    } else if p == am {
                        am_set = true;
                    } else {
                        return None;
                    }
                    value = &value[2..];
                }
                Std::Tz(kind, iso) => {
                    if iso && value.starts_with('Z') {
                        value = &value[1..];
                        utc_set = true;
                        return Some(());
                    }
                    let vb = value.as_bytes();
                    let (sign, hh, mm, ss, adv) = match kind {
                        TzKind::Colon => {
                            if vb.len() < 6 || vb[3] != b':' {
                                return None;
                            }
                            (vb[0], value.get(1..3)?, value.get(4..6)?, "00", 6)
                        }
                        TzKind::Short => {
                            if vb.len() < 3 {
                                return None;
                            }
                            (vb[0], value.get(1..3)?, "00", "00", 3)
                        }
                        TzKind::ColonSeconds => {
                            if vb.len() < 9 || vb[3] != b':' || vb[6] != b':' {
                                return None;
                            }
                            (
                                vb[0],
                                value.get(1..3)?,
                                value.get(4..6)?,
                                value.get(7..9)?,
                                9,
                            )
                        }
                        TzKind::Seconds => {
                            if vb.len() < 7 {
                                return None;
                            }
                            (
                                vb[0],
                                value.get(1..3)?,
                                value.get(3..5)?,
                                value.get(5..7)?,
                                7,
                            )
                        }
                        TzKind::Num => {
                            if vb.len() < 5 {
                                return None;
                            }
                            (vb[0], value.get(1..3)?, value.get(3..5)?, "00", 5)
                        }
                    };
                    let hr = getnum(hh, true)?.0;
                    let mi = getnum(mm, true)?.0;
                    let se = getnum(ss, true)?.0;
                    value = &value[adv..];
                    if hr > 24 {
                        range_err = Some("time zone offset hour");
                    } else if mi > 60 {
                        range_err = Some("time zone offset minute");
                    } else if se > 60 {
                        range_err = Some("time zone offset second");
                    }
                    let off = (hr * 60 + mi) * 60 + se;
                    zone_offset = Some(match sign {
                        b'+' => off,
                        b'-' => -off,
                        _ => return None,
                    });
                }
                Std::TzName => {
                    if value.starts_with("UTC") {
                        utc_set = true;
                        value = &value[3..];
                        return Some(());
                    }
                    let n = parse_tz_name(value)?;
                    zone_name = value.get(..n)?.to_string();
                    value = &value[n..];
                }
                Std::Frac { digits, trim, .. } => {
                    if !trim {
                        let nd = 1 + digits;
                        if value.len() < nd {
                            return None;
                        }
                        nsec = parse_nanos(value, nd)?;
                        value = value.get(nd..)?;
                    } else {
                        let vb = value.as_bytes();
                        if vb.len() < 2 || !matches!(vb[0], b'.' | b',') || !vb[1].is_ascii_digit()
                        {
                            return Some(());
                        }
                        let mut i = 0;
                        while vb.get(i + 1).is_some_and(u8::is_ascii_digit) {
                            i += 1;
                        }
                        nsec = parse_nanos(value, 1 + i)?;
                        value = &value[1 + i..];
                    }
                }
            }
            Some(())
        })();
        if let Some(what) = range_err {
            return Err(format!(
                "parsing time {}: {what} out of range",
                time_quote(avalue)
            ));
        }
        if ok.is_none() {
            return Err(parse_error(alayout, avalue, stdstr, hold));
        }
    }
    if pm_set && hour < 12 {
        hour += 12;
    } else if am_set && hour == 12 {
        hour = 0;
    }
    if yday >= 0 {
        let leap = is_leap(year);
        if yday < 1 || yday > 365 + i64::from(leap) {
            return Err(format!(
                "parsing time {}: day-of-year out of range",
                time_quote(avalue)
            ));
        }
        let (mut m, mut d) = (1i64, yday);
        while d > days_in(m, year) {
            d -= days_in(m, year);
            m += 1;
        }
        if (month >= 0 && month != m) || (day >= 0 && day != d) {
            return Err(format!(
                "parsing time {}: day-of-year does not match {}",
                time_quote(avalue),
                if month >= 0 && month != m {
                    "month"
                } else {
                    "day"
                }
            ));
        }
        month = m;
        day = d;
    } else {
        if month < 0 {
            month = 1;
        }
        if day < 0 {
            day = 1;
        }
    }
    if day < 1 || day > days_in(month, year) {
        return Err(format!(
            "parsing time {}: day out of range",
            time_quote(avalue)
        ));
    }
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + min * 60 + sec;
    if utc_set {
        return Ok(GoTime {
            unix: local,
            nsec,
            loc: Loc::Utc,
        });
    }
    if let Some(off) = zone_offset {
        let unix = local - off;
        // Go: when the default location has that offset at that instant (and the same zone
        // name, if one was parsed), the time is in the default location; otherwise in a fixed
        // zone recording the offset.
        let (loc_off, loc_name) = loc.lookup(unix);
        let loc = if i64::from(loc_off) == off && (zone_name.is_empty() || zone_name == loc_name) {
            loc.clone()
        } else {
            Loc::Fixed {
                name: zone_name,
                offset: off as i32,
            }
        };
        return Ok(GoTime { unix, nsec, loc });
    }
    if !zone_name.is_empty() {
        let mut offset = 0i64;
        if zone_name.len() > 3 && zone_name.starts_with("GMT") {
            offset = zone_name[3..].parse::<i64>().unwrap_or(0) * 3600;
        }
        // Go keeps the clock reading as UTC and only attaches the fake zone (so "GMT+3" shifts
        // the shown time).
        return Ok(GoTime {
            unix: local,
            nsec,
            loc: Loc::Fixed {
                name: zone_name,
                offset: offset as i32,
            },
        });
    }
    // The default location: find the instant whose local time matches.
    let (off1, _) = loc.lookup(local);
    let (off2, _) = loc.lookup(local - i64::from(off1));
    Ok(GoTime {
        unix: local - i64::from(off2),
        nsec,
        loc: loc.clone(),
    })
}

const TIME_PARAM: &[GoType] = &[GoType::Named("time.Time")];
const DURATION_PARAM: &[GoType] = &[GoType::NamedInt64("time.Duration")];
const STRING_PARAM: &[GoType] = &[GoType::String];
const LOCATION_PARAM: &[GoType] = &[GoType::Named("*time.Location")];
const INT3_PARAMS: &[GoType] = &[GoType::Int, GoType::Int, GoType::Int];

/// A `time.Duration` argument: a duration, or an untyped constant the engine converted
/// (see [`GoType::NamedInt64`]).
fn duration_arg(args: &[Value]) -> i64 {
    match args.first() {
        Some(Value::Int64(n) | Value::Int(n)) => *n,
        Some(v) => v.downcast::<GoDuration>().map_or(0, |d| d.0),
        None => 0,
    }
}

fn time_arg(args: &[Value]) -> Result<&GoTime, String> {
    args.first()
        .and_then(|v| v.downcast::<GoTime>())
        .ok_or_else(|| "argument is not a time.Time".to_string())
}

fn int_arg(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n) | Value::Int64(n)) => *n,
        _ => 0,
    }
}

fn obj<T: GoObject + 'static>(v: T) -> Value {
    Value::Object(Rc::new(v))
}

/// Go's `lessThanHalf(x, y)`: `x+x < y` in unsigned arithmetic.
fn less_than_half(x: i64, y: i64) -> bool {
    (x as u64).wrapping_add(x as u64) < y as u64
}

impl GoTime {
    /// `t.Date()` and `t.Clock()` in the time's location, then Go's `time.Date` normalising
    /// month and day overflow: `t.AddDate(years, months, days)`.
    fn add_date(&self, years: i64, months: i64, days: i64) -> GoTime {
        // Far beyond any calendar Go can print; the bounds keep the day arithmetic in range.
        let years = years.clamp(-1_000_000_000, 1_000_000_000);
        let months = months.clamp(-12_000_000_000, 12_000_000_000);
        let days = days.clamp(-400_000_000_000, 400_000_000_000);
        let c = self.civil();
        let m0 = i64::from(c.month) - 1 + months;
        let year = c
            .year
            .saturating_add(years)
            .saturating_add(m0.div_euclid(12));
        let month = m0.rem_euclid(12) + 1;
        let day_count = days_from_civil(year, month, 1)
            .saturating_add(i64::from(c.day) - 1)
            .saturating_add(days);
        let local = day_count
            .saturating_mul(86_400)
            .saturating_add(i64::from(c.hour * 3600 + c.min * 60 + c.sec));
        self.at_local(local, c.nsec)
    }

    /// Go's `time.Date` conversion of a wall-clock second in this time's location to an
    /// instant (the offset in effect there, looked up twice across a transition).
    fn at_local(&self, local: i64, nsec: u32) -> GoTime {
        let (off1, _) = self.loc.lookup(local);
        let (off2, _) = self.loc.lookup(local.saturating_sub(i64::from(off1)));
        GoTime {
            unix: local.saturating_sub(i64::from(off2)),
            nsec,
            loc: self.loc.clone(),
        }
    }

    /// Nanoseconds since Go's zero time (0001-01-01 UTC), which `Truncate` and `Round` count
    /// multiples of.
    fn abs_nanos(&self) -> i128 {
        self.unix_nanos() + i128::from(ZERO_TO_UNIX) * 1_000_000_000
    }

    /// `t.Truncate(d)` (`round` false) or `t.Round(d)`.
    fn round_to(&self, d: i64, round: bool) -> GoTime {
        if d <= 0 {
            return self.clone();
        }
        let r = self.abs_nanos().rem_euclid(i128::from(d)) as i64;
        if round && !less_than_half(r, d) {
            self.add(d - r)
        } else {
            self.add(-r)
        }
    }

    /// `t.Sub(u)`, saturating at the extreme durations as Go does.
    fn sub(&self, u: &GoTime) -> i64 {
        (self.unix_nanos() - u.unix_nanos()).clamp(i128::from(i64::MIN), i128::from(i64::MAX))
            as i64
    }

    /// `t.GoString()`.
    fn go_string(&self) -> String {
        let c = self.civil();
        let loc = match &self.loc {
            Loc::Utc => "time.UTC".to_string(),
            Loc::Local => "time.Local".to_string(),
            other => format!(
                "time.Location({})",
                crate::template::token::go_quote(&other.name())
            ),
        };
        format!(
            "time.Date({}, time.{}, {}, {}, {}, {}, {}, {loc})",
            c.year,
            LONG_MONTHS[c.month as usize - 1],
            c.day,
            c.hour,
            c.min,
            c.sec,
            c.nsec
        )
    }
}

impl GoObject for GoTime {
    fn type_name(&self) -> &str {
        "time.Time"
    }

    fn kind(&self) -> Kind {
        Kind::Struct
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push_str(&self.format("2006-01-02 15:04:05.999999999 -0700 MST"));
    }

    /// The niladic methods Go's text/template can call on a `time.Time` value.
    fn field(&self, name: &str) -> Option<Value> {
        let c = self.civil();
        Some(match name {
            "Year" => Value::Int(c.year),
            "Month" => obj(GoMonth(i64::from(c.month))),
            "Day" => Value::Int(c.day.into()),
            "Hour" => Value::Int(c.hour.into()),
            "Minute" => Value::Int(c.min.into()),
            "Second" => Value::Int(c.sec.into()),
            "Nanosecond" => Value::Int(c.nsec.into()),
            "YearDay" => Value::Int(c.yday.into()),
            "Weekday" => obj(GoWeekday(c.weekday as i64)),
            "Unix" => Value::Int64(self.unix),
            // Go: unixSec*1e3 + nsec/1e6 (so one nanosecond before the epoch is -1).
            "UnixMilli" => Value::Int64(
                self.unix
                    .wrapping_mul(1_000)
                    .wrapping_add(i64::from(self.nsec / 1_000_000)),
            ),
            "UnixMicro" => Value::Int64(
                self.unix
                    .wrapping_mul(1_000_000)
                    .wrapping_add(i64::from(self.nsec / 1_000)),
            ),
            "UnixNano" => Value::Int64(
                self.unix
                    .wrapping_mul(1_000_000_000)
                    .wrapping_add(i64::from(self.nsec)),
            ),
            "IsZero" => Value::Bool(self.unix == -ZERO_TO_UNIX && self.nsec == 0),
            "IsDST" => Value::Bool(self.loc.is_dst(self.unix)),
            "UTC" => obj(self.in_loc(Loc::Utc)),
            "Local" => obj(self.in_loc(Loc::Local)),
            "Location" => obj(GoLocation(Some(self.loc.clone()))),
            "String" => Value::from(self.to_template_string()),
            "GoString" => Value::from(self.go_string()),
            _ => return None,
        })
    }

    fn method_params(&self, name: &str) -> Option<&'static [GoType]> {
        Some(match name {
            "Format" => STRING_PARAM,
            "Add" | "Truncate" | "Round" => DURATION_PARAM,
            "AddDate" => INT3_PARAMS,
            "Before" | "After" | "Equal" | "Compare" | "Sub" => TIME_PARAM,
            "In" => LOCATION_PARAM,
            _ => return None,
        })
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        Ok(match name {
            "Format" => {
                Value::from(self.format(args.first().and_then(Value::as_str).unwrap_or("")))
            }
            "Add" => obj(self.add(duration_arg(args))),
            "Truncate" => obj(self.round_to(duration_arg(args), false)),
            "Round" => obj(self.round_to(duration_arg(args), true)),
            "AddDate" => obj(self.add_date(int_arg(args, 0), int_arg(args, 1), int_arg(args, 2))),
            "Before" => Value::Bool(self.unix_nanos() < time_arg(args)?.unix_nanos()),
            "After" => Value::Bool(self.unix_nanos() > time_arg(args)?.unix_nanos()),
            "Equal" => Value::Bool(self.unix_nanos() == time_arg(args)?.unix_nanos()),
            "Compare" => Value::Int(match self.unix_nanos().cmp(&time_arg(args)?.unix_nanos()) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            }),
            "Sub" => obj(GoDuration(self.sub(time_arg(args)?))),
            "In" => match args.first().and_then(|v| v.downcast::<GoLocation>()) {
                Some(GoLocation(Some(loc))) => obj(self.in_loc(loc.clone())),
                _ => return Err("time: missing Location in call to Time.In".into()),
            },
            _ => return Err(format!("no method {name}")),
        })
    }

    fn go_eq(&self, other: &dyn GoObject) -> Option<bool> {
        let other = other.as_any().downcast_ref::<GoTime>()?;
        Some(same_time(self, other))
    }

    fn bad_method(&self, name: &str) -> Option<String> {
        match name {
            "Zone" | "ISOWeek" => Some(format!(
                "invalid function signature for {name}: second return value should be error; \
                 is int"
            )),
            "Date" | "Clock" => Some(format!(
                "function {name} has 3 return values; should be 1 or 2"
            )),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Go's `==` on two `time.Time` values as text/template's `eq` applies it: same instant and
/// same location (times read from the monotonic clock aside, which templates never see).
fn same_time(a: &GoTime, b: &GoTime) -> bool {
    a.unix == b.unix && a.nsec == b.nsec && a.loc.same(&b.loc)
}

impl GoTime {
    fn to_template_string(&self) -> String {
        let mut s = String::new();
        self.write_v(&mut s, false);
        s
    }
}

/// A Go `*time.Location` (`t.Location`), to pass to `t.In`. `None` is the nil pointer.
#[derive(Clone, Debug)]
pub(crate) struct GoLocation(pub(crate) Option<Loc>);

impl GoObject for GoLocation {
    fn type_name(&self) -> &str {
        "*time.Location"
    }

    fn kind(&self) -> Kind {
        Kind::Ptr
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        match &self.0 {
            // A nil *Location is UTC to its String method.
            None => out.push_str("UTC"),
            Some(loc) => out.push_str(&loc.name()),
        }
    }

    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "String" => {
                let mut s = String::new();
                self.write_v(&mut s, false);
                Some(Value::from(s))
            }
            _ => None,
        }
    }

    fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    fn truth(&self) -> bool {
        self.0.is_some()
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Go's `time.Month` (an `int`): prints its English name, compares as an integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GoMonth(pub(crate) i64);

/// Go's `time.Weekday` (an `int`, Sunday = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GoWeekday(pub(crate) i64);

impl GoObject for GoMonth {
    fn type_name(&self) -> &str {
        "time.Month"
    }

    fn kind(&self) -> Kind {
        Kind::Int
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        match usize::try_from(self.0 - 1)
            .ok()
            .and_then(|i| LONG_MONTHS.get(i))
        {
            Some(name) => out.push_str(name),
            None => {
                let _ = write!(out, "%!Month({})", self.0);
            }
        }
    }

    fn field(&self, name: &str) -> Option<Value> {
        (name == "String").then(|| Value::from(self.to_string_v()))
    }

    fn int_value(&self) -> Option<i64> {
        Some(self.0)
    }

    fn with_int(&self, n: i64) -> Option<Value> {
        Some(obj(GoMonth(n)))
    }

    fn truth(&self) -> bool {
        self.0 != 0
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl GoObject for GoWeekday {
    fn type_name(&self) -> &str {
        "time.Weekday"
    }

    fn kind(&self) -> Kind {
        Kind::Int
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        match usize::try_from(self.0).ok().and_then(|i| LONG_DAYS.get(i)) {
            Some(name) => out.push_str(name),
            None => {
                let _ = write!(out, "%!Weekday({})", self.0);
            }
        }
    }

    fn field(&self, name: &str) -> Option<Value> {
        (name == "String").then(|| Value::from(self.to_string_v()))
    }

    fn int_value(&self) -> Option<i64> {
        Some(self.0)
    }

    fn with_int(&self, n: i64) -> Option<Value> {
        Some(obj(GoWeekday(n)))
    }

    fn truth(&self) -> bool {
        self.0 != 0
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `%v` text of a Go object (its `String` method).
trait StringV: GoObject {
    fn to_string_v(&self) -> String {
        let mut s = String::new();
        self.write_v(&mut s, false);
        s
    }
}

impl<T: GoObject> StringV for T {}

/// A Go `time.Duration` (nanoseconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GoDuration(pub(crate) i64);

/// Go's `Duration.String()`: `1h30m0s`, `1.5s`, `90ns`, `1.5µs`, `0s`.
pub(crate) fn duration_string(d: i64) -> String {
    let neg = d < 0;
    let mut u = d.unsigned_abs();
    let mut out = String::new();
    if u < 1_000_000_000 {
        // Below one second: ns, µs or ms with a fraction.
        if u == 0 {
            return "0s".into();
        }
        let (unit, prec) = if u < 1_000 {
            ("ns", 0)
        } else if u < 1_000_000 {
            ("µs", 3)
        } else {
            ("ms", 6)
        };
        out.push_str(&frac_string(u, prec));
        out.push_str(unit);
    } else {
        let secs_part = frac_string(u % 60_000_000_000, 9);
        out.push_str(&secs_part);
        out.push('s');
        u /= 60_000_000_000;
        if u > 0 {
            let m = u % 60;
            out = format!("{m}m{out}");
            u /= 60;
            if u > 0 {
                out = format!("{u}h{out}");
            }
        }
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// `v / 10^prec` with the fraction's trailing zeros removed (Go's `fmtFrac` + `fmtInt`).
fn frac_string(v: u64, prec: u32) -> String {
    let div = 10u64.pow(prec);
    let int = v / div;
    let frac = v % div;
    if prec == 0 || frac == 0 {
        return int.to_string();
    }
    let f = format!("{frac:0width$}", width = prec as usize);
    format!("{int}.{}", f.trim_end_matches('0'))
}

/// Go's `time.ParseDuration`, with its error messages.
pub(crate) fn parse_duration(s: &str) -> Result<i64, String> {
    let orig = s;
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = s;
    let mut neg = false;
    if let Some(c @ ('-' | '+')) = s.chars().next() {
        neg = c == '-';
        s = &s[1..];
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let int_part = &s[..int_len];
        s = &s[int_len..];
        let mut frac_part = "";
        if s.starts_with('.') {
            s = &s[1..];
            let fl = s.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &s[..fl];
            s = &s[fl..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(invalid());
        }
        let ul = s
            .bytes()
            .take_while(|c| *c != b'.' && !c.is_ascii_digit())
            .count();
        if ul == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig)
            ));
        }
        let unit_str = &s[..ul];
        s = &s[ul..];
        let unit: u128 = match unit_str {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit_str),
                    time_quote(orig)
                ));
            }
        };
        let iv: u128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| invalid())?
        };
        let mut v = iv.checked_mul(unit).ok_or_else(invalid)?;
        if !frac_part.is_empty() {
            let mut scale = 1u128;
            let mut f = 0u128;
            for c in frac_part.bytes().take(30) {
                f = f * 10 + u128::from(c - b'0');
                scale *= 10;
            }
            v += f * unit / scale;
        }
        total = total.checked_add(v).ok_or_else(invalid)?;
        if total > (1u128 << 63) {
            return Err(invalid());
        }
    }
    if neg {
        Ok((-(total as i128)) as i64)
    } else if total > i64::MAX as u128 {
        Err(invalid())
    } else {
        Ok(total as i64)
    }
}

impl GoDuration {
    /// `d.Round(m)`, saturating as Go does.
    fn round(self, m: i64) -> i64 {
        let d = self.0;
        if m <= 0 {
            return d;
        }
        // Go's arithmetic wraps; the comparisons then detect the overflow.
        let mut r = d % m;
        if d < 0 {
            r = -r;
            if less_than_half(r, m) {
                return d + r;
            }
            let d1 = d.wrapping_sub(m).wrapping_add(r);
            return if d1 < d { d1 } else { i64::MIN };
        }
        if less_than_half(r, m) {
            return d - r;
        }
        let d1 = d.wrapping_add(m).wrapping_sub(r);
        if d1 > d { d1 } else { i64::MAX }
    }

    /// `d.Truncate(m)`.
    fn truncate(self, m: i64) -> i64 {
        if m <= 0 {
            return self.0;
        }
        self.0 - self.0 % m
    }

    /// Go's `float64(d / unit) + float64(d % unit) / unit`, as `Seconds`, `Minutes` and
    /// `Hours` compute it.
    fn in_units(self, unit: i64) -> f64 {
        (self.0 / unit) as f64 + (self.0 % unit) as f64 / unit as f64
    }
}

impl GoObject for GoDuration {
    fn type_name(&self) -> &str {
        "time.Duration"
    }

    fn kind(&self) -> Kind {
        Kind::Int64
    }

    fn write_v(&self, out: &mut String, _nested: bool) {
        out.push_str(&duration_string(self.0));
    }

    /// The niladic methods of `time.Duration`.
    fn field(&self, name: &str) -> Option<Value> {
        Some(match name {
            "String" => Value::from(duration_string(self.0)),
            "Seconds" => Value::Float(self.in_units(1_000_000_000)),
            "Minutes" => Value::Float(self.in_units(60_000_000_000)),
            "Hours" => Value::Float(self.in_units(3_600_000_000_000)),
            "Nanoseconds" => Value::Int64(self.0),
            "Microseconds" => Value::Int64(self.0 / 1_000),
            "Milliseconds" => Value::Int64(self.0 / 1_000_000),
            "Abs" => obj(GoDuration(match self.0 {
                d if d >= 0 => d,
                i64::MIN => i64::MAX,
                d => -d,
            })),
            _ => return None,
        })
    }

    fn method_params(&self, name: &str) -> Option<&'static [GoType]> {
        matches!(name, "Round" | "Truncate").then_some(DURATION_PARAM)
    }

    fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, String> {
        let m = duration_arg(args);
        match name {
            "Round" => Ok(obj(GoDuration(self.round(m)))),
            "Truncate" => Ok(obj(GoDuration(self.truncate(m)))),
            _ => Err(format!("no method {name}")),
        }
    }

    fn int_value(&self) -> Option<i64> {
        Some(self.0)
    }

    fn with_int(&self, n: i64) -> Option<Value> {
        Some(obj(GoDuration(n)))
    }

    fn truth(&self) -> bool {
        self.0 != 0
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> GoTime {
        parse_in_location("2006-01-02T15:04:05Z07:00", s, &Loc::Utc)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn prints_like_go() {
        let mut out = String::new();
        utc("2024-03-05T14:07:09Z").write_v(&mut out, false);
        assert_eq!(out, "2024-03-05 14:07:09 +0000 UTC");
        let mut out = String::new();
        GoTime::zero().write_v(&mut out, false);
        assert_eq!(out, "0001-01-01 00:00:00 +0000 UTC");
        let t = utc("2024-03-05T14:07:09.5+02:00");
        let mut out = String::new();
        t.write_v(&mut out, false);
        assert_eq!(out, "2024-03-05 14:07:09.5 +0200 +0200");
        assert_eq!(t.rfc3339_nano(), "2024-03-05T14:07:09.5+02:00");
    }

    #[test]
    fn formats_layouts() {
        let t = utc("2024-03-05T14:07:09Z");
        assert_eq!(t.format("Jan 2, 2006"), "Mar 5, 2024");
        assert_eq!(
            t.format("Monday January _2 03:04:05 PM MST 06"),
            "Tuesday March  5 02:07:09 PM UTC 24"
        );
        assert_eq!(
            t.format("2006-01-02T15:04:05.000Z07:00"),
            "2024-03-05T14:07:09.000Z"
        );
        assert_eq!(t.format("002 __2 -0700 -07:00"), "065  65 +0000 +00:00");
        let ny = t.in_loc(Loc::load("America/New_York").unwrap_or(Loc::Utc));
        assert_eq!(
            ny.format("2006-01-02 15:04 MST -0700"),
            "2024-03-05 09:07 EST -0500"
        );
    }

    #[test]
    fn parse_errors_like_go() {
        // Measured (mustToDate-bad).
        assert_eq!(
            parse_in_location("2006-01-02", "bad", &Loc::Utc)
                .err()
                .as_deref(),
            Some(r#"parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006""#)
        );
        assert_eq!(
            parse_in_location("2006-01-02", "2024-13-01", &Loc::Utc)
                .err()
                .as_deref(),
            Some(r#"parsing time "2024-13-01": month out of range"#)
        );
        assert_eq!(
            parse_in_location("2006-01-02", "2024-02-30", &Loc::Utc)
                .err()
                .as_deref(),
            Some(r#"parsing time "2024-02-30": day out of range"#)
        );
        assert_eq!(
            parse_in_location("2006-01-02", "2024-02-03x", &Loc::Utc)
                .err()
                .as_deref(),
            Some(r#"parsing time "2024-02-03x": extra text: "x""#)
        );
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let t = GoTime {
            unix: i64::MAX,
            nsec: 0,
            loc: Loc::Utc,
        };
        let _ = t.format("2006-01-02 15:04:05 MST");
        let _ = t.add(i64::MAX).format("2006");
        let r = parse_in_location(".000000000000", ".12345678901\u{e9}", &Loc::Utc);
        assert!(r.is_err());
        let _ = parse_in_location(
            "2006-01-02 15:04 -07:00",
            "2024-01-02 10:00 +0\u{e9}:00",
            &Loc::Utc,
        );
        let _ = parse_duration("9999999999999999999999h");
        let _ = parse_duration("1\u{b5}");
    }

    #[test]
    fn durations() {
        assert_eq!(duration_string(90_000_000_000), "1m30s");
        assert_eq!(duration_string(5_400_000_000_000), "1h30m0s");
        assert_eq!(duration_string(90), "90ns");
        assert_eq!(duration_string(1_500), "1.5µs");
        assert_eq!(duration_string(1_500_000_000), "1.5s");
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(-300_000_000_000), "-5m0s");
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("-1.5h"), Ok(-5_400_000_000_000));
        assert_eq!(parse_duration("+90m"), Ok(5_400_000_000_000));
        assert_eq!(
            parse_duration("bad").err().as_deref(),
            Some(r#"time: invalid duration "bad""#)
        );
        assert_eq!(
            parse_duration("90").err().as_deref(),
            Some(r#"time: missing unit in duration "90""#)
        );
        assert_eq!(
            parse_duration("1x").err().as_deref(),
            Some(r#"time: unknown unit "x" in duration "1x""#)
        );
    }
}
