//! Dates and years as the sources write them: `YYYY`, `YYYY-MM-DD`, ISO date-times,
//! `DD/MM/YYYY` (or `MM/DD/YYYY` when the day cannot be a month).

/// A parsed date: its year and, when the day is known, the ISO `YYYY-MM-DD` form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDate {
    /// The year.
    pub year: i32,
    /// `YYYY-MM-DD` when month and day were given.
    pub iso: Option<String>,
}

/// Parses a date or a bare year; `None` when nothing date-like is found.
pub fn parse_date(s: &str) -> Option<ParsedDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let head = s.split(['T', ' ']).next().unwrap_or(s);
    if let Some(d) = parse_iso(head) {
        return Some(d);
    }
    if let Some(d) = parse_slashed(head) {
        return Some(d);
    }
    bare_year(head).map(|year| ParsedDate { year, iso: None })
}

/// The year of a date or a bare year (`2014`, `2014.0`, `2014-03-01`).
pub fn parse_year(s: &str) -> Option<i32> {
    let t = s.trim();
    bare_year(t.strip_suffix(".0").unwrap_or(t)).or_else(|| parse_date(t).map(|d| d.year))
}

/// A four-digit year between 1900 and 2100.
fn bare_year(t: &str) -> Option<i32> {
    let digits = t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn parse_iso(s: &str) -> Option<ParsedDate> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    build(y, m, d)
}

fn parse_slashed(s: &str) -> Option<ParsedDate> {
    let mut parts = s.split(['/', '.']);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let (first, second): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    if second > 12 && first <= 12 {
        build(y, a, b)
    } else {
        build(y, b, a)
    }
}

fn build(y: &str, m: &str, d: &str) -> Option<ParsedDate> {
    let year: i32 = y.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    Some(ParsedDate {
        year,
        iso: Some(format!("{year:04}-{month:02}-{day:02}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s).and_then(|d| d.iso)
    }

    #[test]
    fn formats() {
        assert_eq!(iso("2003-03-01"), Some("2003-03-01".into()));
        assert_eq!(iso("2003-03-01T00:00:00Z"), Some("2003-03-01".into()));
        assert_eq!(iso("2003-03-01 12:30:00"), Some("2003-03-01".into()));
        assert_eq!(iso("01/10/2015"), Some("2015-10-01".into()));
        assert_eq!(iso("12/31/2015"), Some("2015-12-31".into()));
        assert_eq!(
            parse_date("2014").unwrap(),
            ParsedDate {
                year: 2014,
                iso: None
            }
        );
        assert_eq!(parse_year("2014.0"), Some(2014));
    }

    #[test]
    fn rubbish_is_none() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("2014-13-01").map(|d| d.iso), None);
        assert_eq!(parse_year("12"), None);
    }
}
