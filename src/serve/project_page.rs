//! The project page (`GET /projects/{key}`): one record with its facts, every label with
//! its calibrated probability, and the evidence behind each decision.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::api::find;
use super::app::AppState;
use super::error::ServeError;
use super::html::{chips, esc, layout, page as html_page, text, Section};
use super::links::{encode, path_segment};
use crate::labels::{Classification, Openness, Pillar, Sector};
use crate::Proposal;

/// `GET /projects/{key}`.
pub async fn page(
    State(state): State<Arc<AppState>>,
    key: Result<Path<String>, PathRejection>,
) -> Response {
    let run = async {
        let Path(key) = key.map_err(|e| ServeError::BadRequest(e.body_text()))?;
        let p = find(&state, key).await?;
        let title = if p.title.trim().is_empty() {
            p.key()
        } else {
            p.title.clone()
        };
        let body = format!(
            "<article class=\"project\"><p class=\"crumbs\"><a href=\"/\">Search</a> / {key}</p>\
             <h1>{title}</h1>{facts}{description}{labels}{full}{extra}\
             <p><a href=\"/api/projects/{href}\">This record as JSON</a></p></article>",
            key = text(&p.key()),
            title = text(&title),
            facts = facts(&p),
            description = paragraph(&p.description),
            labels = labels(p.classification.as_ref()),
            full = full_text(&p),
            extra = extra(&p),
            href = path_segment(&p.key()),
        );
        Ok::<_, ServeError>(html_page(
            StatusCode::OK,
            layout(&title, Section::Search, &body),
        ))
    };
    run.await.unwrap_or_else(|e| e.into_response_for(false))
}

fn facts(p: &Proposal) -> String {
    let country = match (&p.country_name, &p.country_code) {
        (Some(n), Some(c)) => Some(format!("{n} ({c})")),
        (n, c) => n.clone().or(c.clone()),
    };
    let budget = p
        .budget
        .map(|b| format!("{} {}", thousands(b), p.currency.as_deref().unwrap_or("")));
    let rows = [
        ("Key", Some(p.key())),
        ("Source", Some(p.source.clone())),
        ("Country", country),
        ("Region", p.region.clone()),
        ("Year", p.year.map(|y| y.to_string())),
        ("Start", p.start_date.clone()),
        ("End", p.end_date.clone()),
        ("Budget", budget),
        ("Language", p.language.clone()),
    ];
    let mut out = String::from("<dl class=\"facts\">");
    for (name, value) in rows {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out += &format!("<dt>{name}</dt><dd>{}</dd>", text(&v));
        }
    }
    out + "</dl>"
}

fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

fn paragraph(s: &str) -> String {
    match s.trim() {
        "" => String::new(),
        s => format!("<p class=\"description\">{}</p>", text(s)),
    }
}

fn labels(c: Option<&Classification>) -> String {
    let Some(c) = c else {
        return "<section><h2>Labels</h2><p>This record has not been classified.</p></section>"
            .into();
    };
    let digital: Vec<(String, f32)> = (0..3)
        .map(|i| (format!("digital {i}"), c.digital_probs[i]))
        .collect();
    let named = |names: Vec<&str>, probs: &[f32]| -> Vec<(String, f32)> {
        names
            .into_iter()
            .zip(probs.iter().copied())
            .map(|(n, p)| (n.to_string(), p))
            .collect()
    };
    format!(
        "<section class=\"labels\"><h2>Labels</h2>{chips}<div class=\"prob-grid\">{d}{o}{pi}{s}</div>\
         <h2>Why</h2>{evidence}<p class=\"muted\">Model: {model}</p></section>",
        chips = chips(Some(c)),
        d = prob_table("Digital", &digital),
        o = prob_table("Openness", &named(Openness::ALL.iter().map(|o| o.as_str()).collect(), &c.openness_probs)),
        pi = prob_table("Pillars", &named(Pillar::ALL.iter().map(|p| p.as_str()).collect(), &c.pillar_probs)),
        s = prob_table("Sectors", &named(Sector::ALL.iter().map(|s| s.as_str()).collect(), &c.sector_probs)),
        evidence = evidence_table(c),
        model = text(&c.model),
    )
}

fn prob_table(caption: &str, rows: &[(String, f32)]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = format!("<table class=\"probs\"><caption>{caption}</caption>");
    for (name, p) in rows {
        let p = if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        };
        out += &format!(
            "<tr><th scope=\"row\">{}</th><td><meter min=\"0\" max=\"1\" value=\"{p:.3}\"></meter></td>\
             <td class=\"num\">{p:.2}</td></tr>",
            esc(name)
        );
    }
    out + "</table>"
}

fn evidence_table(c: &Classification) -> String {
    if c.evidence.is_empty() {
        return "<p class=\"muted\">No evidence recorded.</p>".into();
    }
    let mut out = String::from(
        "<table class=\"evidence-table\"><thead><tr><th>decision</th><th>label</th>\
         <th>words</th><th class=\"num\">weight</th></tr></thead><tbody>",
    );
    for e in &c.evidence {
        let filter = filter_link(&e.head, &e.label);
        out += &format!(
            "<tr><td>{}</td><td>{filter}</td><td>{}</td><td class=\"num\">{:+.2}</td></tr>",
            esc(&e.head),
            text(&e.term),
            e.weight
        );
    }
    out + "</tbody></table>"
}

/// The label as a link to a search for it, when it is a filterable value.
fn filter_link(head: &str, label: &str) -> String {
    let key = match head {
        "digital" if ["0", "1", "2"].contains(&label) => "digital",
        "openness" if label.parse::<Openness>().is_ok() => "openness",
        "pillars" if label.parse::<Pillar>().is_ok() => "pillar",
        "sectors" if label.parse::<Sector>().is_ok() => "sector",
        _ => return esc(label),
    };
    format!(
        "<a href=\"/?{}\">{}</a>",
        esc(&encode(&[(key, label.to_string())])),
        esc(label)
    )
}

fn full_text(p: &Proposal) -> String {
    match p.text.trim() {
        "" => String::new(),
        t => format!(
            "<details class=\"full\"><summary>Full text the classifier read</summary><p>{}</p></details>",
            text(t)
        ),
    }
}

fn extra(p: &Proposal) -> String {
    if p.extra.is_empty() {
        return String::new();
    }
    let rows: String = p
        .extra
        .iter()
        .map(|(k, v)| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                text(k),
                text(v)
            )
        })
        .collect();
    format!(
        "<details class=\"extra\"><summary>Other source fields</summary><table>{rows}</table></details>"
    )
}
