//! Countries: the ISO 3166-1 table, lookup by alpha-2, alpha-3 or name (with the aliases
//! the corpora use, such as "Congo, Democratic Republic of", "West Bank and Gaza" or
//! "Kyrgyz Republic"), and each country's UN M49 region.
//!
//! ```
//! use landscape::country;
//! assert_eq!(country::by_name("Gambia, The").unwrap().alpha3, "GMB");
//! assert_eq!(country::lookup("CD").unwrap().alpha3, "COD");
//! assert_eq!(country::region_of("KEN"), Some("Africa"));
//! ```

mod table;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// One ISO 3166-1 entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`KE`).
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 code (`KEN`).
    pub alpha3: &'static str,
    /// ISO English short name.
    pub name: &'static str,
    /// Official and common names besides `name`.
    pub other_names: &'static [&'static str],
    /// UN M49 region (Africa, Americas, Asia, Europe, Oceania); `None` for Antarctica.
    pub region: Option<&'static str>,
}

/// Finds a country by its alpha-2 code (case-insensitive).
pub fn by_alpha2(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    table::COUNTRIES
        .iter()
        .find(|c| c.alpha2.eq_ignore_ascii_case(code))
}

/// Finds a country by its alpha-3 code (case-insensitive).
pub fn by_alpha3(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    table::COUNTRIES
        .iter()
        .find(|c| c.alpha3.eq_ignore_ascii_case(code))
}

/// Finds a country by name: ISO, official and common names and the corpora's aliases,
/// ignoring case, accents, punctuation, a parenthesised note and an inverted form
/// ("Bahamas, The", "Yemen, Republic of").
pub fn by_name(name: &str) -> Option<&'static Country> {
    thread_local! {
        /// Names already looked up: sources repeat a few hundred names many times.
        static SEEN: RefCell<HashMap<String, Option<usize>>> = RefCell::new(HashMap::new());
    }
    let found = SEEN.with(|seen| {
        if let Some(hit) = seen.borrow().get(name) {
            return *hit;
        }
        let found = find_by_name(name);
        let mut seen = seen.borrow_mut();
        if seen.len() >= CACHE_LIMIT {
            seen.clear();
        }
        seen.insert(name.to_string(), found);
        found
    });
    found.map(|i| &table::COUNTRIES[i])
}

/// Most distinct names remembered per thread by [`by_name`].
const CACHE_LIMIT: usize = 4096;

fn find_by_name(name: &str) -> Option<usize> {
    let key = normalise(name);
    if key.is_empty() {
        return None;
    }
    let index = name_index();
    candidates(name, &key)
        .into_iter()
        .find_map(|k| index.get(&k).copied())
}

/// Finds a country by alpha-3 code, alpha-2 code or name, in that order.
pub fn lookup(text: &str) -> Option<&'static Country> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let is_code = t.chars().all(|c| c.is_ascii_alphabetic());
    match t.len() {
        3 if is_code => by_alpha3(t).or_else(|| by_name(t)),
        2 if is_code => by_alpha2(t).or_else(|| by_name(t)),
        _ => by_name(t),
    }
}

/// The UN M49 region of a country given by its alpha-3 code.
pub fn region_of(alpha3: &str) -> Option<&'static str> {
    by_alpha3(alpha3).and_then(|c| c.region)
}

/// Lower-case, accents removed, `&` as `and`, `st` as `saint`, other punctuation as spaces.
fn normalise(name: &str) -> String {
    let folded: String = name
        .replace('&', " and ")
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        match *w {
            "the" if i == 0 => {}
            "st" if i == 0 => out.push("saint"),
            w => out.push(w),
        }
    }
    out.join(" ")
}

/// The keys to try for a name: as given, without a parenthesised note, and un-inverted.
fn candidates(raw: &str, key: &str) -> Vec<String> {
    let mut keys = vec![key.to_string()];
    if let Some(open) = raw.find('(') {
        keys.push(normalise(&raw[..open]));
    }
    if let Some((head, tail)) = raw.split_once(',') {
        let tail_key = normalise(tail);
        if tail_key
            .split_whitespace()
            .all(|w| table::FORM_WORDS.contains(&w))
        {
            keys.push(normalise(head));
            keys.push(normalise(&format!("{tail} {head}")));
        }
    }
    keys
}

fn name_index() -> &'static HashMap<String, usize> {
    static INDEX: OnceLock<HashMap<String, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for (i, c) in table::COUNTRIES.iter().enumerate() {
            map.insert(normalise(c.name), i);
            for other in c.other_names {
                map.insert(normalise(other), i);
            }
            if let Some(open) = c.name.find('(') {
                map.insert(normalise(&c.name[..open]), i);
            }
        }
        for (alias, code) in table::ALIASES {
            if let Some(i) = table::COUNTRIES.iter().position(|c| c.alpha3 == *code) {
                map.insert(normalise(alias), i);
            }
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_resolve() {
        assert_eq!(lookup("ken").unwrap().alpha3, "KEN");
        assert_eq!(lookup("XK").unwrap().alpha3, "XKX");
        assert_eq!(by_name("Côte d'Ivoire").unwrap().alpha3, "CIV");
        assert_eq!(by_name("Cote d'Ivoire").unwrap().alpha3, "CIV");
        assert_eq!(
            by_name("Congo, Democratic Republic of").unwrap().alpha3,
            "COD"
        );
        assert_eq!(by_name("Congo, Republic of").unwrap().alpha3, "COG");
        assert_eq!(by_name("Kosovo (As per UNSCR 1244)").unwrap().alpha3, "XKX");
        assert_eq!(
            by_name("St. Vincent and the Grenadines").unwrap().alpha3,
            "VCT"
        );
        assert_eq!(by_name("Turkiye").unwrap().alpha3, "TUR");
    }

    #[test]
    fn regional_names_have_no_country() {
        for name in [
            "Africa",
            "Western and Central Africa",
            "World",
            "Viet Nam, Cambodia, Laos CMU",
        ] {
            assert_eq!(by_name(name), None, "{name}");
        }
    }

    #[test]
    fn regions() {
        assert_eq!(region_of("BRA"), Some("Americas"));
        assert_eq!(region_of("FJI"), Some("Oceania"));
        assert_eq!(region_of("ZZZ"), None);
    }
}
