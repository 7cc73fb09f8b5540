//! The decision guide (`GET /guide`): the flowchart of `landscape advise` ("Should you use
//! open source? Should this be a digital public good?") as inline SVG, drawn from the guide
//! embedded in the binary, with how to walk it from the command line.

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;

use super::error::ServeError;
use super::html::{esc, layout, page as html_page, Section};
use crate::advise::{render_svg, Guide};

/// `GET /guide`.
pub async fn page(RawQuery(raw): RawQuery) -> Response {
    let run = || {
        if raw.is_some_and(|r| !r.is_empty()) {
            return Err(ServeError::BadRequest(
                "the guide takes no parameters".into(),
            ));
        }
        let guide = Guide::default_guide().map_err(|_| ServeError::Internal)?;
        Ok(html_page(
            StatusCode::OK,
            layout("Decision guide", Section::Guide, &body(&guide)),
        ))
    };
    run().unwrap_or_else(|e| e.into_response_for(false))
}

fn body(guide: &Guide) -> String {
    format!(
        "<h1>Decision guide: open source and digital public goods</h1>\
         <p class=\"lead\">{title}, version {version}. Every question and outcome cites its \
         source. Walk it for one project with <code>landscape advise</code> (interactive), \
         <code>landscape advise --answers answers.toml</code>, or \
         <code>landscape advise --id KEY --catalogue DIR</code> to start from what the \
         classifier knows about a record.</p>\
         <figure class=\"guide\">{svg}</figure>",
        title = esc(&guide.title),
        version = esc(&guide.version),
        svg = render_svg(guide),
    )
}
