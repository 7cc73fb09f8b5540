//! The seam between a format's reader and the record layout: a [`RowMapper`] turns a
//! [`Row`] into a [`Proposal`], and [`finish`] applies the rules every record obeys.

use crate::country;
use crate::proposal::Proposal;

use super::row::Row;

/// Turns one row into a proposal, or says why it cannot.
pub trait RowMapper: Send + Sync {
    /// Maps a row; the error is the reject reason.
    fn map(&self, row: &Row<'_>) -> Result<Proposal, String>;
}

/// Checks that the record has an id and a text, then fills what can be derived: the text
/// from title and description, the region from the country (the language is detected by
/// [`super::open`]'s reader unless the caller asks it not to).
pub fn finish(mut p: Proposal) -> Result<Proposal, String> {
    p.id = p.id.trim().to_string();
    if p.id.is_empty() {
        return Err("record has no id".into());
    }
    if p.text.trim().is_empty() {
        p.text = Proposal::default_text(&p.title, &p.description);
    }
    if p.text.trim().is_empty() {
        return Err(format!(
            "record {} has no text (title and description are empty)",
            p.id
        ));
    }
    if p.region.is_none() {
        p.region = p
            .country_code
            .as_deref()
            .and_then(country::region_of)
            .map(str::to_string);
    }
    Ok(p)
}

/// Resolves a country from a code column and a name column: the code first (alpha-3 or
/// alpha-2), then the name. Returns the alpha-3 code when one is found.
pub fn resolve_country(code: &str, name: &str) -> Option<String> {
    let by_code = match code.trim().len() {
        2 => country::by_alpha2(code),
        3 => country::by_alpha3(code),
        _ => None,
    };
    by_code
        .or_else(|| country::lookup(name))
        .map(|c| c.alpha3.to_string())
}
