//! Snippets: the passage of a hit that best matches the query, with the matched words
//! marked, made by tantivy's snippet generator over description, then text, then title.

use serde::{Deserialize, Serialize};
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

use super::error::Result;
use super::schema::Fields;
use crate::Proposal;

/// Length of a snippet, in characters.
pub const SNIPPET_CHARS: usize = 200;

/// A passage of a hit with the byte ranges of the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Byte ranges `(start, end)` of the matched words within `text`.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The passage as HTML: text escaped, matched words in `<b>`.
    pub fn to_html(&self) -> String {
        self.render(crate::markup::escape, "<b>", "</b>")
    }

    /// The passage with matched words between `open` and `close` (for example terminal
    /// bold), not escaped.
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.render(str::to_string, open, close)
    }

    fn render(&self, esc: impl Fn(&str) -> String, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for &(s, e) in &self.highlights {
            let (s, e) = (s.max(at).min(self.text.len()), e.min(self.text.len()));
            if s >= e || !self.text.is_char_boundary(s) || !self.text.is_char_boundary(e) {
                continue;
            }
            out += &esc(&self.text[at..s]);
            out += open;
            out += &esc(&self.text[s..e]);
            out += close;
            at = e;
        }
        out += &esc(&self.text[at..]);
        out
    }
}

/// Makes snippets for the hits of one query.
pub(crate) struct SnippetMaker {
    /// Generators for description, text and title, in that order; empty without query text.
    generators: Vec<SnippetGenerator>,
}

impl SnippetMaker {
    pub(crate) fn new(s: &Searcher, query: &dyn Query, f: &Fields, has_text: bool) -> Result<Self> {
        let mut generators = vec![];
        if has_text {
            for field in [f.description, f.text, f.title] {
                let mut g = SnippetGenerator::create(s, query, field)?;
                g.set_max_num_chars(SNIPPET_CHARS);
                generators.push(g);
            }
        }
        Ok(SnippetMaker { generators })
    }

    /// The best passage of `p`: the first field with a match, else the start of the
    /// description (or text, or title).
    pub(crate) fn make(&self, p: &Proposal) -> Snippet {
        let texts = [&p.description, &p.text, &p.title];
        for (g, text) in self.generators.iter().zip(texts) {
            let s = g.snippet(text);
            if !s.highlighted().is_empty() {
                let highlights = s.highlighted().iter().map(|r| (r.start, r.end)).collect();
                return Snippet {
                    text: s.fragment().to_string(),
                    highlights,
                };
            }
        }
        let text = texts
            .into_iter()
            .find(|t| !t.trim().is_empty())
            .map_or("", |t| t.trim());
        Snippet {
            text: leading(text, SNIPPET_CHARS),
            highlights: vec![],
        }
    }
}

/// The first `n` characters of `s`, cut at a word boundary when there is one.
fn leading(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        None => s.to_string(),
        Some((end, _)) => {
            let cut = s[..end]
                .rfind(char::is_whitespace)
                .filter(|i| *i > end / 2)
                .unwrap_or(end);
            format!("{}…", s[..cut].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_and_bolds() {
        let s = Snippet {
            text: "a <mobile> & money".into(),
            highlights: vec![(3, 9), (13, 18)],
        };
        assert_eq!(s.to_html(), "a &lt;<b>mobile</b>&gt; &amp; <b>money</b>");
        assert_eq!(s.marked("[", "]"), "a <[mobile]> & [money]");
    }

    #[test]
    fn leading_cuts_at_a_word() {
        assert_eq!(leading("short", 10), "short");
        assert_eq!(leading("one two three four", 10), "one two…");
    }
}
