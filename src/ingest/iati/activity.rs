//! What one `iati-activity` element says, gathered while its events stream past, and the
//! proposal made from it: title and description in the activity's default language (else
//! English, else the first given), other languages kept in `extra` as `title@fr`.

use std::collections::BTreeMap;

use crate::country;
use crate::proposal::Proposal;

use super::super::dates::parse_date;
use super::super::mapper::finish;
use super::super::row::parse_amount;

/// A narrative: its `xml:lang` (if given) and text.
pub type Narrative = (Option<String>, String);

/// The fields of one activity gathered so far.
#[derive(Debug, Default)]
pub struct Activity {
    /// Byte offset where the activity starts.
    pub offset: u64,
    /// 1-based line where the activity starts.
    pub line: u64,
    /// The activity's `xml:lang`.
    pub default_lang: Option<String>,
    /// The activity's `default-currency`.
    pub default_currency: Option<String>,
    /// `iati-identifier`.
    pub id: String,
    /// Title narratives.
    pub titles: Vec<Narrative>,
    /// Description narratives (all description types).
    pub descriptions: Vec<Narrative>,
    /// Recipient countries: alpha-2 code and name.
    pub countries: Vec<(String, String)>,
    /// Activity dates by IATI type code (1 planned start, 2 actual start, 3 planned end, 4 actual end).
    pub dates: BTreeMap<u8, String>,
    /// Sum of `budget/value`.
    pub budget: Option<f64>,
    /// Currency of the first budget value.
    pub budget_currency: Option<String>,
    /// Lists kept verbatim: sector, participating-org, reporting-org, recipient-region, ...
    pub lists: BTreeMap<String, Vec<String>>,
}

impl Activity {
    /// Records a date of the given `@type` (`1`-`4`, or the 2.01 names `start-planned` ...).
    pub fn add_date(&mut self, kind: &str, iso: &str) {
        let code = match kind {
            "1" | "start-planned" => 1,
            "2" | "start-actual" => 2,
            "3" | "end-planned" => 3,
            "4" | "end-actual" => 4,
            _ => return,
        };
        if !iso.trim().is_empty() {
            self.dates.insert(code, iso.trim().to_string());
        }
    }

    /// Adds a budget value.
    pub fn add_budget(&mut self, amount: &str, currency: Option<String>) {
        if let Some(v) = parse_amount(amount) {
            self.budget = Some(self.budget.unwrap_or(0.0) + v);
            if self.budget_currency.is_none() {
                self.budget_currency = currency.or_else(|| self.default_currency.clone());
            }
        }
    }

    /// Appends to a list kept in `extra`.
    pub fn push(&mut self, list: &str, value: String) {
        if !value.trim().is_empty() {
            self.lists.entry(list.to_string()).or_default().push(value);
        }
    }

    /// The language to use: the default language if it has a title or description, else
    /// English, else the first language given.
    fn chosen_lang(&self) -> Option<String> {
        let langs: Vec<Option<String>> = self
            .titles
            .iter()
            .chain(&self.descriptions)
            .map(|n| self.lang_of(n))
            .collect();
        let has = |l: &str| langs.iter().any(|x| x.as_deref() == Some(l));
        match &self.default_lang {
            Some(d) if has(d) => Some(d.clone()),
            _ if has("en") => Some("en".into()),
            _ => langs
                .into_iter()
                .flatten()
                .next()
                .or_else(|| self.default_lang.clone()),
        }
    }

    fn lang_of(&self, n: &Narrative) -> Option<String> {
        n.0.clone()
            .or_else(|| self.default_lang.clone())
            .map(|l| l.to_lowercase())
    }

    /// Joins the narratives in `lang`, and puts the others into `extra` as `{field}@{lang}`.
    fn split_langs(
        &self,
        list: &[Narrative],
        lang: &Option<String>,
        field: &str,
        extra: &mut BTreeMap<String, String>,
    ) -> String {
        let mut chosen = Vec::new();
        for n in list {
            let l = self.lang_of(n);
            if &l == lang || l.is_none() {
                chosen.push(n.1.as_str());
            } else if let Some(l) = l {
                let e = extra.entry(format!("{field}@{l}")).or_default();
                if !e.is_empty() {
                    e.push_str("\n\n");
                }
                e.push_str(&n.1);
            }
        }
        chosen.join("\n\n")
    }

    /// The proposal, or the reject reason (no identifier, no text).
    pub fn into_proposal(self, source: &str) -> Result<Proposal, String> {
        let lang = self.chosen_lang();
        let mut extra = BTreeMap::new();
        let title = self.split_langs(&self.titles, &lang, "title", &mut extra);
        let description = self.split_langs(&self.descriptions, &lang, "description", &mut extra);
        let start = self
            .dates
            .get(&2)
            .or(self.dates.get(&1))
            .and_then(|d| parse_date(d));
        let end = self
            .dates
            .get(&4)
            .or(self.dates.get(&3))
            .and_then(|d| parse_date(d));
        let first = self.countries.first();
        let found = first.and_then(|(code, _)| country::by_alpha2(code));
        for (name, values) in &self.lists {
            extra.insert(name.clone(), values.join("; "));
        }
        if self.countries.len() > 1 {
            let codes: Vec<&str> = self.countries.iter().map(|c| c.0.as_str()).collect();
            extra.insert("recipient-country".into(), codes.join("; "));
        }
        let name = first
            .map(|c| c.1.clone())
            .filter(|n| !n.is_empty())
            .or(found.map(|c| c.name.to_string()));
        let p = Proposal {
            id: self.id,
            source: source.to_string(),
            text: Proposal::default_text(&title, &description),
            title,
            description,
            country_code: found.map(|c| c.alpha3.to_string()),
            country_name: name,
            year: start.as_ref().map(|d| d.year),
            start_date: start.and_then(|d| d.iso),
            end_date: end.and_then(|d| d.iso),
            budget: self.budget,
            currency: self.budget_currency,
            language: lang,
            extra,
            ..Proposal::default()
        };
        finish(p)
    }
}
