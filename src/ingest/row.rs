//! A flat record of named string values (a CSV row or a flattened JSON object) and the
//! small text helpers the mappers share.

/// One record: column names and their values, in the same order.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    names: &'a [String],
    values: &'a [String],
}

impl<'a> Row<'a> {
    /// A row over parallel slices of names and values.
    pub fn new(names: &'a [String], values: &'a [String]) -> Self {
        Row { names, values }
    }

    /// The trimmed value of a column, `""` when the column is absent.
    pub fn get(&self, name: &str) -> &'a str {
        self.position(name).map_or("", |i| self.values[i].trim())
    }

    /// The index of a column.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// `(name, value)` pairs in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.values.iter().map(String::as_str))
    }

    /// The column names.
    pub fn names(&self) -> &'a [String] {
        self.names
    }
}

/// The longest prefix of `s` with at most `max` characters (cut at a char boundary).
pub fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Joins the non-empty trimmed parts with `". "`.
pub fn join_text(parts: &[&str]) -> String {
    let kept: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    kept.join(". ")
}

/// Parses an amount such as `1234.5`, `1,234.5` or `USD 1200`; `None` when empty or not a number.
pub fn parse_amount(s: &str) -> Option<f64> {
    let compact: String = s
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let t = compact.trim_matches(|c: char| c.is_alphabetic() || matches!(c, '$' | '€' | '£'));
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Some(trimmed) when the trimmed value is not empty.
pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_chars("éàü", 2), "éà");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("1,234.5"), Some(1234.5));
        assert_eq!(parse_amount("USD 1200"), Some(1200.0));
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_amount("n/a"), None);
    }

    #[test]
    fn text_join_skips_empty_parts() {
        assert_eq!(join_text(&["Title", " ", "Descr"]), "Title. Descr");
    }
}
