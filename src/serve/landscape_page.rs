//! The landscape view (`GET /landscape`): the pillar × sector heat map, digital projects by
//! year and by region, and pillars by region, drawn as inline SVG from the cached
//! statistics. Every cell and bar links to the search it counts.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::api::landscape;
use super::app::{AppState, Landscape};
use super::charts::{bars, columns, heat_map, Bar};
use super::error::ServeError;
use super::html::{layout, page as html_page, Section};
use super::links::encode;
use crate::catalogue::CrossTab;
use crate::labels::{Pillar, Sector};

/// Most regions drawn in the region charts (the rest are summed up in the search).
const MAX_REGIONS: usize = 16;

/// `GET /landscape`.
pub async fn page(State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> Response {
    let run = async {
        if raw.is_some_and(|r| !r.is_empty()) {
            return Err(ServeError::BadRequest(
                "the landscape view takes no parameters".into(),
            ));
        }
        let l = landscape(&state).await?;
        let body = body(&l);
        Ok(html_page(
            StatusCode::OK,
            layout("Landscape", Section::Landscape, &body),
        ))
    };
    run.await.unwrap_or_else(|e| e.into_response_for(false))
}

fn body(l: &Landscape) -> String {
    let s = &l.stats;
    let classified: u64 = s.digital_by_year.iter().map(|y| y.classified).sum();
    let digital: u64 = s.digital_by_year.iter().map(|y| y.digital).sum();
    let share = match classified {
        0 => "-".to_string(),
        c => format!("{:.1}%", 100.0 * digital as f64 / c as f64),
    };
    format!(
        "<h1>The landscape</h1>\
         <p class=\"lead\">{total} records, {classified} classified, {digital} digital ({share}). \
         Every cell and bar opens the matching projects.</p>\
         <section aria-labelledby=\"h-heat\"><h2 id=\"h-heat\">Digital projects by pillar and sector</h2>{heat}</section>\
         <div class=\"chart-row\">\
         <section aria-labelledby=\"h-year\"><h2 id=\"h-year\">Digital projects by year</h2>{years}</section>\
         <section aria-labelledby=\"h-region\"><h2 id=\"h-region\">Digital projects by region</h2>{regions}</section></div>\
         <section aria-labelledby=\"h-pr\"><h2 id=\"h-pr\">Pillars by region</h2>{pillar_region}</section>",
        total = s.total,
        heat = pillar_sector(&s.pillar_by_sector),
        years = by_year(l),
        regions = by_region(l),
        pillar_region = pillar_region(l),
    )
}

fn pillars() -> Vec<String> {
    Pillar::ALL.iter().map(|p| p.to_string()).collect()
}

fn count(t: &CrossTab, r: &str, c: &str) -> u64 {
    t.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0)
}

fn pillar_sector(t: &CrossTab) -> String {
    let sectors: Vec<String> = Sector::ALL.iter().map(|s| s.to_string()).collect();
    heat_map("heatmap", &pillars(), &sectors, |p, s| {
        let href = format!(
            "/?{}",
            encode(&[("pillar", p.into()), ("sector", s.into())])
        );
        (count(t, p, s), href)
    })
}

fn digital_href(extra: (&str, String)) -> String {
    format!(
        "/?{}",
        encode(&[("digital", "1".into()), ("digital", "2".into()), extra])
    )
}

fn by_year(l: &Landscape) -> String {
    let years: Vec<Bar> = l
        .stats
        .digital_by_year
        .iter()
        .filter(|y| y.year.parse::<i32>().is_ok())
        .map(|y| Bar {
            label: y.year.clone(),
            value: y.digital,
            href: digital_href(("year", y.year.clone())),
            title: format!(
                "{}: {} digital of {} classified{}",
                y.year,
                y.digital,
                y.classified,
                y.share
                    .map_or(String::new(), |s| format!(" ({:.1}%)", s * 100.0))
            ),
        })
        .collect();
    match years.is_empty() {
        true => "<p class=\"muted\">No dated records.</p>".into(),
        false => columns("by-year", &years),
    }
}

fn by_region(l: &Landscape) -> String {
    let regions: Vec<Bar> = l
        .digital_by_region
        .iter()
        .take(MAX_REGIONS)
        .map(|(r, n)| Bar {
            label: r.clone(),
            value: *n,
            href: digital_href(("region", r.clone())),
            title: format!("{r}: {n} digital projects"),
        })
        .collect();
    match regions.is_empty() {
        true => "<p class=\"muted\">No digital records yet.</p>".into(),
        false => bars("by-region", &regions),
    }
}

fn pillar_region(l: &Landscape) -> String {
    let regions: Vec<String> = l
        .digital_by_region
        .iter()
        .take(MAX_REGIONS)
        .map(|(r, _)| r.clone())
        .collect();
    if regions.is_empty() {
        return "<p class=\"muted\">No digital records yet.</p>".into();
    }
    let t = &l.stats.pillar_by_region;
    heat_map("pillar-region", &pillars(), &regions, |p, r| {
        let href = format!(
            "/?{}",
            encode(&[("pillar", p.into()), ("region", r.into())])
        );
        (count(t, p, r), href)
    })
}
