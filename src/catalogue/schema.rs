//! The index schema: which fields a proposal becomes, how text is tokenised, and the
//! `filter` terms and `facets` paths derived from a proposal and its classification.

use sha2::{Digest, Sha256};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

use crate::Proposal;

/// Name under which the text analyser is registered with the index.
pub const TOKENIZER: &str = "landscape";

/// Facet value for a record that has not been classified.
pub const UNCLASSIFIED: &str = "unclassified";

/// Facet value for a missing country, region or year.
pub const UNKNOWN: &str = "unknown";

/// The facet dimensions, in display order.
pub const FACET_NAMES: [&str; 8] = [
    "digital", "openness", "pillar", "sector", "country", "region", "year", "source",
];

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `source-id`, raw and fast (for the upsert map).
    pub key: Field,
    /// The bare source id, raw (for `get` by id).
    pub id: Field,
    /// Title, full text.
    pub title: Field,
    /// Description, full text.
    pub description: Field,
    /// The classifier's text, full text.
    pub text: Field,
    /// The whole proposal as JSON, stored only.
    pub json: Field,
    /// A hash of `json`, fast (detects unchanged records).
    pub hash: Field,
    /// Year, indexed (ranges) and fast (sorting).
    pub year: Field,
    /// Lower-cased `name=value` terms for filtering, raw.
    pub filter: Field,
    /// `/name/value` facet paths for counting.
    pub facets: Field,
}

impl Fields {
    /// Builds the schema of a new catalogue.
    pub fn schema() -> Schema {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        b.add_text_field("key", STRING | FAST);
        b.add_text_field("id", STRING);
        b.add_text_field("title", text.clone());
        b.add_text_field("description", text.clone());
        b.add_text_field("text", text);
        b.add_text_field("json", STORED);
        b.add_u64_field("hash", FAST);
        b.add_i64_field("year", INDEXED | FAST);
        b.add_text_field("filter", STRING);
        b.add_facet_field("facets", FacetOptions::default());
        b.build()
    }

    /// Looks the fields up in an existing index's schema.
    pub fn from_schema(schema: &Schema) -> Result<Fields, String> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("index has no `{name}` field"))
        };
        Ok(Fields {
            key: f("key")?,
            id: f("id")?,
            title: f("title")?,
            description: f("description")?,
            text: f("text")?,
            json: f("json")?,
            hash: f("hash")?,
            year: f("year")?,
            filter: f("filter")?,
            facets: f("facets")?,
        })
    }

    /// Builds the index document of a proposal, returning it with its content hash.
    pub fn document(&self, p: &Proposal, key: &str, json: &str) -> (TantivyDocument, u64) {
        let hash = content_hash(json);
        let mut doc = TantivyDocument::new();
        doc.add_text(self.key, key);
        doc.add_text(self.id, &p.id);
        doc.add_text(self.title, &p.title);
        doc.add_text(self.description, &p.description);
        doc.add_text(self.text, &p.text);
        doc.add_text(self.json, json);
        doc.add_u64(self.hash, hash);
        if let Some(y) = p.year {
            doc.add_i64(self.year, i64::from(y));
        }
        for (name, value) in facet_values(p) {
            doc.add_text(self.filter, filter_term(name, &value));
            doc.add_facet(self.facets, Facet::from_path([name, value.as_str()]));
        }
        (doc, hash)
    }
}

/// The text analyser: split on non-alphanumerics, lower-case, fold accents to ASCII.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the analyser with an index (needed on every open).
pub fn register_tokenizer(index: &Index) {
    index.tokenizers().register(TOKENIZER, analyzer());
}

/// The `filter` field's term for a facet value: `name=value`, lower-cased.
pub fn filter_term(name: &str, value: &str) -> String {
    format!("{name}={}", value.trim().to_lowercase())
}

/// Every (facet name, value) pair of a proposal, as displayed.
pub fn facet_values(p: &Proposal) -> Vec<(&'static str, String)> {
    let or_unknown = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(UNKNOWN)
            .to_string()
    };
    let mut out = vec![
        ("source", p.source.clone()),
        (
            "country",
            or_unknown(&p.country_code.as_ref().map(|c| c.to_uppercase())),
        ),
        ("region", or_unknown(&p.region)),
        (
            "year",
            p.year.map_or(UNKNOWN.to_string(), |y| y.to_string()),
        ),
    ];
    match &p.classification {
        None => out.push(("digital", UNCLASSIFIED.to_string())),
        Some(c) => {
            let l = &c.labels;
            out.push(("digital", l.digital.to_string()));
            out.push(("openness", l.openness.to_string()));
            out.extend(l.pillars.iter().map(|x| ("pillar", x.to_string())));
            out.extend(l.sectors.iter().map(|x| ("sector", x.to_string())));
        }
    }
    out
}

/// The first 8 bytes of the SHA-256 of the stored JSON.
pub fn content_hash(json: &str) -> u64 {
    let digest = Sha256::digest(json.as_bytes());
    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn tokens(s: &str) -> Vec<String> {
        let mut a = analyzer();
        let mut ts = a.token_stream(s);
        let mut out = vec![];
        while ts.advance() {
            out.push(ts.token().text.clone());
        }
        out
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(
            tokens("Gouvernement Électronique"),
            ["gouvernement", "electronique"]
        );
        assert_eq!(tokens("e-Government"), ["e", "government"]);
    }

    #[test]
    fn unclassified_records_get_only_the_sentinel_label() {
        let p = Proposal {
            id: "1".into(),
            source: "wb".into(),
            ..Default::default()
        };
        let v = facet_values(&p);
        assert!(v.contains(&("digital", UNCLASSIFIED.to_string())));
        assert!(v.contains(&("country", UNKNOWN.to_string())));
        assert!(!v.iter().any(|(n, _)| *n == "pillar" || *n == "openness"));
    }
}
