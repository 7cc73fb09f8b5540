//! The search page (`GET /`): a search box, a facet sidebar whose counts follow the query,
//! result cards with the highlighted snippet, label chips and the evidence behind them, a
//! pager and export links for the current search.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::api::{pages, run_search};
use super::app::AppState;
use super::html::{chips, esc, evidence_list, layout, page as html_page, text, Section};
use super::links::{encode, path_segment, sort_value};
use super::params::{Params, Route, FILTERS, MAX_Q_CHARS};
use crate::catalogue::{Facets, Hit, SearchResults, Sort};

/// Facet values shown before "more".
const SHOWN_VALUES: usize = 8;

/// `GET /`.
pub async fn page_handler(state: Arc<AppState>, raw: Option<String>) -> super::Result<Response> {
    let p = Params::parse(raw.as_deref(), Route::Search)?;
    let res = run_search(&state, &p).await?;
    let title = match p.q.as_deref() {
        Some(q) => format!("{q} – search"),
        None => "Search".to_string(),
    };
    let body = format!(
        "{form}<div class=\"columns\">{sidebar}<section class=\"results\" aria-label=\"Results\">\
         {summary}{cards}{pager}</section></div>",
        form = search_form(&p),
        sidebar = sidebar(&p, &res.facets),
        summary = summary(&p, &res),
        cards = res.hits.iter().map(card).collect::<String>(),
        pager = pager(&p, res.total),
    );
    Ok(html_page(
        StatusCode::OK,
        layout(&title, Section::Search, &body),
    ))
}

/// `GET /` as an axum handler; errors become HTML error pages.
pub async fn page(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    page_handler(state, raw)
        .await
        .unwrap_or_else(|e| e.into_response_for(false))
}

fn search_form(p: &Params) -> String {
    let hidden: String = p
        .filter_pairs()
        .into_iter()
        .filter(|(k, _)| *k != "q")
        .map(|(k, v)| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", esc(&v)))
        .collect();
    format!(
        "<form class=\"search\" role=\"search\" action=\"/\" method=\"get\">\
         <label for=\"q\">Search projects</label>\
         <input id=\"q\" name=\"q\" type=\"search\" maxlength=\"{MAX_Q_CHARS}\" value=\"{q}\" \
         placeholder=\"for example: early warning, mobile money, &quot;digital ID&quot;\">\
         {hidden}<button type=\"submit\">Search</button></form>",
        q = esc(p.q.as_deref().unwrap_or("")),
    )
}

fn sidebar(p: &Params, facets: &Facets) -> String {
    let mut out = String::from("<aside class=\"facets\" aria-label=\"Filters\"><h2>Filters</h2>");
    for name in FILTERS {
        let Some(values) = facets.get(name) else {
            continue;
        };
        let mut values = values.clone();
        if name == "year" {
            values.reverse();
        }
        out += &facet_block(p, name, &values);
    }
    out + "</aside>"
}

fn facet_block(p: &Params, name: &str, values: &[(String, u64)]) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|(v, n)| facet_item(p, name, v, *n))
        .collect();
    let (shown, rest) = items.split_at(items.len().min(SHOWN_VALUES));
    let mut out = format!(
        "<section class=\"facet-group\"><h3>{name}</h3><ul>{}</ul>",
        shown.concat()
    );
    if !rest.is_empty() {
        out += &format!(
            "<details><summary>{} more</summary><ul>{}</ul></details>",
            rest.len(),
            rest.concat()
        );
    }
    out + "</section>"
}

fn facet_item(p: &Params, name: &str, value: &str, count: u64) -> String {
    let linkable = !matches!(
        (name, value),
        ("digital", "unclassified") | ("year", "unknown")
    );
    let label = format!("{} <span class=\"count\">{count}</span>", text(value));
    if !linkable {
        return format!("<li><span class=\"facet muted\">{label}</span></li>");
    }
    let on = p.has(name, value);
    format!(
        "<li><a class=\"facet{cls}\" href=\"{href}\" data-facet=\"{name}\" data-value=\"{v}\" \
         aria-pressed=\"{on}\">{label}</a></li>",
        cls = if on { " on" } else { "" },
        href = esc(&p.toggled(name, value).href("/")),
        v = esc(value),
    )
}

fn summary(p: &Params, res: &SearchResults) -> String {
    let first = (p.page - 1) * p.per_page + 1;
    let shown = match res.hits.len() {
        0 => format!("{} results", res.total),
        n => format!("{} results, showing {first}–{}", res.total, first + n - 1),
    };
    let active: String = p
        .filter_pairs()
        .into_iter()
        .filter(|(k, _)| *k != "q")
        .map(|(k, v)| {
            format!(
                "<li><a class=\"active-filter\" href=\"{}\" aria-label=\"Remove filter {k} {ve}\">{k}: {} ✕</a></li>",
                esc(&p.toggled(k, &v).href("/")),
                text(&v),
                ve = esc(&v),
            )
        })
        .collect();
    let filters = match active.is_empty() {
        true => String::new(),
        false => format!("<ul class=\"active\" aria-label=\"Active filters\">{active}</ul>"),
    };
    format!(
        "<div class=\"summary\"><p id=\"result-count\" role=\"status\">{shown}</p>{filters}\
         <div class=\"tools\">{sorts}{exports}</div></div>",
        sorts = sort_links(p),
        exports = export_links(p),
    )
}

fn sort_links(p: &Params) -> String {
    let mut out = String::from("<span class=\"sort\">Sort: ");
    for (s, label) in [
        (Sort::Relevance, "relevance"),
        (Sort::YearDesc, "newest"),
        (Sort::YearAsc, "oldest"),
    ] {
        let next = Params {
            sort: s,
            page: 1,
            ..p.clone()
        };
        let current = if p.sort == s {
            " aria-current=\"true\""
        } else {
            ""
        };
        out += &format!(
            "<a href=\"{}\" data-sort=\"{}\"{current}>{label}</a> ",
            esc(&next.href("/")),
            sort_value(s)
        );
    }
    out + "</span>"
}

fn export_links(p: &Params) -> String {
    let mut out = String::from("<span class=\"export\">Export: ");
    for format in ["csv", "jsonl"] {
        let mut pairs = p.filter_pairs();
        pairs.push(("format", format.to_string()));
        out += &format!(
            "<a class=\"button\" id=\"export-{format}\" href=\"/api/export?{}\" download>{}</a> ",
            esc(&encode(&pairs)),
            format.to_uppercase()
        );
    }
    out + "</span>"
}

fn card(hit: &Hit) -> String {
    let p = &hit.proposal;
    let title = if p.title.trim().is_empty() {
        "(untitled)"
    } else {
        p.title.as_str()
    };
    let meta: Vec<String> = [
        Some(p.source.as_str()),
        p.country_name.as_deref().or(p.country_code.as_deref()),
        p.region.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(text)
    .chain(p.year.map(|y| y.to_string()))
    .collect();
    let why = match p.classification.as_ref() {
        Some(c) => format!(
            "<details class=\"why\"><summary>Why these labels?</summary>\
             <p>p(digital) = {:.2}</p>{}</details>",
            c.p_digital(),
            evidence_list(c)
        ),
        None => String::new(),
    };
    format!(
        "<article class=\"card\"><h3><a class=\"result-link\" href=\"/projects/{href}\">{title}</a></h3>\
         <p class=\"meta\">{meta}</p><p class=\"snippet\"><bdi>{snippet}</bdi></p>{chips}{why}</article>",
        href = path_segment(&hit.key),
        title = text(title),
        meta = meta.join(" · "),
        snippet = hit.snippet.to_html(),
        chips = chips(p.classification.as_ref()),
    )
}

fn pager(p: &Params, total: u64) -> String {
    let last = pages(total, p.per_page);
    if last <= 1 {
        return String::new();
    }
    let link = |page: usize, rel: &str, label: &str| {
        format!(
            "<a rel=\"{rel}\" href=\"{}\">{label}</a>",
            esc(&p.on_page(page).href("/"))
        )
    };
    let prev = if p.page > 1 {
        link(p.page - 1, "prev", "← Previous")
    } else {
        String::new()
    };
    let next = if p.page < last {
        link(p.page + 1, "next", "Next →")
    } else {
        String::new()
    };
    format!(
        "<nav class=\"pager\" aria-label=\"Pages\">{prev}<span>page {} of {last}</span>{next}</nav>",
        p.page
    )
}
