//! Escaping text for HTML and XML (SVG) markup: the one escaper behind the web pages, the
//! search snippets, the decision-guide flowchart and the gaps heat map.

/// Escapes `s` for element content and for double- or single-quoted attribute values, in
/// HTML and in XML alike (`'` becomes `&#39;`, which both read).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            escape("<a href='x'>\"R&D\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;R&amp;D&quot;&lt;/a&gt;"
        );
        assert_eq!(escape("plain é"), "plain é");
    }
}
