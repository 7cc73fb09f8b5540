//! HTML building blocks shared by the pages: the escaping helper that every piece of text
//! goes through, the page shell, label chips, error pages, and the embedded assets.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::labels::{Classification, Openness};

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// Escapes text for HTML content and double- or single-quoted attributes.
pub use crate::markup::escape as esc;

/// `s` without Unicode direction controls, for places that cannot isolate them (the page
/// title, SVG labels).
pub fn strip_bidi(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Untrusted text for display: escaped, and isolated in `<bdi>` so that direction controls
/// in it (U+202E and friends) cannot reorder the text around it.
pub fn text(s: &str) -> String {
    format!("<bdi>{}</bdi>", esc(s))
}

/// Which top-level section a page belongs to (for the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The search page and project pages.
    Search,
    /// The landscape view.
    Landscape,
    /// The decision guide.
    Guide,
    /// Error pages.
    None,
}

/// A complete page: `title` is plain text (escaped here); `body` is HTML already escaped.
pub fn layout(title: &str, section: Section, body: &str) -> String {
    let link = |href: &str, label: &str, s: Section| {
        let current = if s == section {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{href}\"{current}>{label}</a>")
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · landscape</title>\
         <link rel=\"stylesheet\" href=\"/assets/style.css\">\
         <script src=\"/assets/app.js\" defer></script></head>\
         <body><a class=\"skip\" href=\"#main\">Skip to content</a>\
         <header class=\"top\"><a class=\"brand\" href=\"/\">landscape</a>\
         <nav aria-label=\"Sections\">{search}{landscape}{guide}\
         <a href=\"/api/openapi.json\">API</a></nav></header>\
         <main id=\"main\" tabindex=\"-1\">{body}</main></body></html>\n",
        title = esc(&strip_bidi(title)),
        search = link("/", "Search", Section::Search),
        landscape = link("/landscape", "Landscape", Section::Landscape),
        guide = link("/guide", "Decision guide", Section::Guide),
    )
}

/// An HTML response.
pub fn page(status: StatusCode, html: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// An error page with the status and a message.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<section class=\"error\"><h1>{} {}</h1><p>{}</p><p><a href=\"/\">Back to search</a></p></section>",
        status.as_u16(),
        esc(status.canonical_reason().unwrap_or("Error")),
        esc(message)
    );
    page(status, layout("Error", Section::None, &body))
}

/// The label chips of a record: digital level, openness, pillars, sectors.
pub fn chips(c: Option<&Classification>) -> String {
    let Some(c) = c else {
        return "<ul class=\"chips\"><li class=\"chip muted\">unclassified</li></ul>".into();
    };
    let l = &c.labels;
    let digital = match l.digital {
        2 => "digital 2 · principal",
        1 => "digital 1 · significant",
        _ => "not digital",
    };
    let mut out = format!(
        "<ul class=\"chips\" aria-label=\"Labels\"><li class=\"chip d{}\">{digital}</li>",
        l.digital
    );
    if l.openness != Openness::NotApplicable {
        out += &format!(
            "<li class=\"chip open\">openness: {}</li>",
            esc(l.openness.as_str())
        );
    }
    for p in &l.pillars {
        out += &format!("<li class=\"chip pillar\">{}</li>", esc(p.as_str()));
    }
    for s in &l.sectors {
        out += &format!("<li class=\"chip sector\">{}</li>", esc(s.as_str()));
    }
    out + "</ul>"
}

/// The evidence of a classification as a list: head, label, words, weight.
pub fn evidence_list(c: &Classification) -> String {
    if c.evidence.is_empty() {
        return "<p class=\"muted\">No evidence recorded.</p>".into();
    }
    let mut out = String::from("<ul class=\"evidence\">");
    for e in &c.evidence {
        out += &format!(
            "<li><span class=\"ev-head\">{} {}</span> <span class=\"ev-term\">{}</span> \
             <span class=\"ev-weight\">{:+.2}</span></li>",
            esc(&e.head),
            esc(&e.label),
            text(&e.term),
            e.weight
        );
    }
    out + "</ul>"
}

/// `GET /assets/style.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `GET /assets/app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(mime: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes_and_isolates_direction() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(text("a\u{202e}b"), "<bdi>a\u{202e}b</bdi>");
    }
}
