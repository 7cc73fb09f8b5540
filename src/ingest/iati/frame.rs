//! Walks the events inside one `iati-activity`: a stack of open elements, each with its
//! attributes, direct text and child narratives; closing an element files what it said
//! into the [`Activity`].

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::XmlVersion;

use crate::proposal::Proposal;

use super::activity::{Activity, Narrative};

/// A reject found while walking: byte offset, line and reason.
pub type Problem = (u64, u64, String);

/// One open element.
#[derive(Debug, Default)]
struct Frame {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    narratives: Vec<Narrative>,
}

impl Frame {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The first narrative's text, else the direct text.
    fn label(&self) -> String {
        self.narratives
            .first()
            .map(|n| n.1.clone())
            .unwrap_or_else(|| self.text.trim().to_string())
    }

    /// The narratives, plus the direct text (IATI 1.x style) when there is any.
    fn all_narratives(self) -> Vec<Narrative> {
        let lang = self.attr("xml:lang").map(str::to_string);
        let direct = self.text.trim().to_string();
        let mut list = self.narratives;
        if !direct.is_empty() {
            list.push((lang, direct));
        }
        list
    }
}

/// The state of the walk through the file.
pub struct Walker {
    source: String,
    activity: Option<Activity>,
    stack: Vec<Frame>,
}

impl Walker {
    /// A walker tagging proposals with `source`.
    pub fn new(source: &str) -> Self {
        Walker {
            source: source.to_string(),
            activity: None,
            stack: Vec::new(),
        }
    }

    /// An element opens at byte `offset` on `line`.
    pub fn start(&mut self, e: &BytesStart<'_>, offset: u64, line: u64) -> Option<Problem> {
        let name = e.local_name().as_ref().to_string();
        let attrs = attributes(e);
        let frame = Frame {
            name,
            attrs,
            ..Frame::default()
        };
        match &self.activity {
            None if frame.name == "iati-activity" => {
                let a = Activity {
                    offset,
                    line,
                    default_lang: frame.attr("xml:lang").map(str::to_lowercase),
                    default_currency: frame.attr("default-currency").map(str::to_string),
                    ..Activity::default()
                };
                self.activity = Some(a);
            }
            None => return None,
            Some(_) if frame.name == "iati-activity" => {
                self.stack.push(frame);
                return Some((
                    offset,
                    line,
                    "iati-activity nested in another; the inner one is ignored".into(),
                ));
            }
            Some(_) => {}
        }
        self.stack.push(frame);
        None
    }

    /// Text (or a resolved reference) inside the current element.
    pub fn text(&mut self, s: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.text.push_str(s);
        }
    }

    /// The current element closes; when it is the activity, its proposal or reject.
    pub fn end(&mut self) -> Option<Result<Proposal, Problem>> {
        let frame = self.stack.pop()?;
        if self.stack.is_empty() {
            let activity = self.activity.take()?;
            let (offset, line) = (activity.offset, activity.line);
            return Some(
                activity
                    .into_proposal(&self.source)
                    .map_err(|r| (offset, line, r)),
            );
        }
        let depth = self.stack.len();
        let parent = self.stack.last_mut()?;
        let activity = self.activity.as_mut()?;
        if frame.name == "narrative" {
            let text = frame.text.trim().to_string();
            if !text.is_empty() {
                parent
                    .narratives
                    .push((frame.attr("xml:lang").map(str::to_lowercase), text));
            }
        } else if depth == 1 {
            file_top_level(activity, frame);
        } else if depth == 2 && frame.name == "value" && parent.name == "budget" {
            activity.add_budget(&frame.text, frame.attr("currency").map(str::to_string));
        }
        None
    }

    /// End of input: a reject if an activity is still open.
    pub fn at_eof(&self) -> Option<Problem> {
        self.activity.as_ref().map(|a| {
            (
                a.offset,
                a.line,
                "unexpected end of file inside an iati-activity (truncated file)".to_string(),
            )
        })
    }
}

/// Files a direct child of `iati-activity` into the activity.
fn file_top_level(a: &mut Activity, f: Frame) {
    let attr = |k: &str| f.attr(k).unwrap_or("").to_string();
    match f.name.as_str() {
        "iati-identifier" => a.id = f.text.trim().to_string(),
        "title" => a.titles.extend(f.all_narratives()),
        "description" => a.descriptions.extend(f.all_narratives()),
        "recipient-country" => a.countries.push((attr("code"), f.label())),
        "activity-date" => a.add_date(&attr("type"), &attr("iso-date")),
        "sector" => {
            let code = match f.attr("vocabulary") {
                Some(v) => format!("{v}:{}", attr("code")),
                None => attr("code"),
            };
            a.push("sector", code);
        }
        "participating-org" => a.push("participating-org", org(&f, Some(attr("role")))),
        "reporting-org" => a.push("reporting-org", org(&f, None)),
        "recipient-region" => a.push("recipient-region", attr("code")),
        "activity-status" => a.push("activity-status", attr("code")),
        _ => {}
    }
}

/// `name [ref] (role N)` for an organisation element.
fn org(f: &Frame, role: Option<String>) -> String {
    let mut s = f.label();
    if let Some(r) = f.attr("ref") {
        s.push_str(&format!(" [{r}]"));
    }
    if let Some(role) = role.filter(|r| !r.is_empty()) {
        s.push_str(&format!(" (role {role})"));
    }
    s.trim().to_string()
}

/// The attributes of an element, unescaped (raw text when unescaping fails).
fn attributes(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (key, value)
        })
        .collect()
}

/// The text of `&name;`: character references and the five predefined entities only.
pub fn resolve_reference(r: &BytesRef<'_>) -> Result<String, String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = r.xml10_content();
    let c = match name.as_ref() {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        other => return Err(format!("undefined entity &{other}; (entities are not expanded); the rest of the file is skipped")),
    };
    Ok(c.to_string())
}
