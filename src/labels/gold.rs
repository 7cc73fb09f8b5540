//! Labelled files (`id,digital,openness,pillars,sectors[,note]`, as `labels/gold.csv`): read and
//! validated against the schema, with a clear message per bad cell (file, row, column, the bad
//! value and the allowed values). [`check_gold`] collects every bad cell of a file;
//! [`read_gold`] stops at the first.

use std::path::{Path, PathBuf};

use super::schema::{LabelError, Labels, Openness, Pillar};

/// One labelled record.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    /// The record key (`undp14-...`, `wb-...`, `aid-...`, or any `source-id`).
    pub id: String,
    /// Its labels, consistent by [`Labels::check`].
    pub labels: Labels,
    /// The record's text when the file carries it (a `text` column, or `title` and
    /// `description`); otherwise the text is looked up in the corpora by id.
    pub text: Option<String>,
}

/// A labelled file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file cannot be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: csv::Error,
    },
    /// A required column is missing.
    #[error(
        "{path}: no `{column}` column (a labelled file needs id,digital,openness,pillars,sectors)"
    )]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The missing column.
        column: &'static str,
    },
    /// A cell breaks the schema.
    #[error("{path}, row {row} (spreadsheet row {}), column {column}: {source}", row + 1)]
    BadCell {
        /// The file.
        path: PathBuf,
        /// 1-based data row (the header is row 0; a spreadsheet shows it as line `row + 1`).
        row: u64,
        /// The column.
        column: &'static str,
        /// What is wrong, with the allowed values.
        source: LabelError,
    },
}

/// Every valid row of a labelled file with its 1-based row number, and every bad cell.
#[derive(Debug, Default)]
pub struct CheckedFile {
    /// Valid rows, in file order, with their row numbers.
    pub rows: Vec<(u64, GoldRow)>,
    /// One [`GoldError::BadCell`] per bad cell, in file order.
    pub bad: Vec<GoldError>,
}

const COLUMNS: [&str; 5] = ["id", "digital", "openness", "pillars", "sectors"];

/// Reads and validates a labelled file; the first bad cell is an error.
pub fn read_gold(path: &Path) -> Result<Vec<GoldRow>, GoldError> {
    let mut checked = check_gold(path)?;
    if !checked.bad.is_empty() {
        return Err(checked.bad.swap_remove(0));
    }
    Ok(checked.rows.into_iter().map(|(_, r)| r).collect())
}

/// Reads a labelled file and checks every cell: a missing column or an unreadable file is an
/// error; bad cells are collected (several per row if need be) and their rows left out.
pub fn check_gold(path: &Path) -> Result<CheckedFile, GoldError> {
    let io = |source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut rdr = csv::Reader::from_path(path).map_err(io)?;
    let header = rdr.headers().map_err(io)?.clone();
    let mut idx = [0usize; 5];
    for (slot, column) in idx.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').trim() == column)
            .ok_or_else(|| GoldError::MissingColumn {
                path: path.to_path_buf(),
                column,
            })?;
    }
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let text_cols = [col("text"), col("title"), col("description")];
    let mut out = CheckedFile::default();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(io)?;
        let row = n as u64 + 1;
        let cells = idx.map(|k| rec.get(k).unwrap_or(""));
        let bad = |(column, source)| GoldError::BadCell {
            path: path.to_path_buf(),
            row,
            column,
            source,
        };
        match parse_row(cells, text_of(&rec, text_cols)) {
            Ok(r) => out.rows.push((row, r)),
            Err(errs) => out.bad.extend(errs.into_iter().map(bad)),
        }
    }
    Ok(out)
}

/// The text a row carries: its `text` cell, else title and description.
fn text_of(rec: &csv::StringRecord, [text, title, descr]: [Option<usize>; 3]) -> Option<String> {
    let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
    let text = match get(text) {
        "" => crate::Proposal::default_text(get(title), get(descr)),
        t => t.to_string(),
    };
    (!text.is_empty()).then_some(text)
}

type CellError = (&'static str, LabelError);

/// Parses the five cells of a row, or says what is wrong with each bad one.
fn parse_row(cells: [&str; 5], text: Option<String>) -> Result<GoldRow, Vec<CellError>> {
    let mut errs = Vec::new();
    let id = cells[0].trim();
    if id.is_empty() {
        errs.push((
            "id",
            LabelError::Inconsistent("empty (every row needs the record's id)".into()),
        ));
    }
    let digital = take(&mut errs, "digital", Labels::parse_digital(cells[1]));
    let openness = take(&mut errs, "openness", cells[2].parse::<Openness>());
    let pillars = take(&mut errs, "pillars", Labels::parse_list(cells[3]));
    let sectors = take(&mut errs, "sectors", Labels::parse_list(cells[4]));
    if let Some(d) = digital {
        errs.extend(consistency(d, openness, pillars.as_deref(), cells));
    }
    let (Some(digital), Some(openness), Some(pillars), Some(sectors), true) =
        (digital, openness, pillars, sectors, errs.is_empty())
    else {
        return Err(errs);
    };
    let labels = Labels {
        digital,
        openness,
        pillars,
        sectors,
    };
    Ok(GoldRow {
        id: id.to_string(),
        labels,
        text,
    })
}

/// The value of a parsed cell, or `None` with its error recorded.
fn take<T>(errs: &mut Vec<CellError>, column: &'static str, r: Result<T, LabelError>) -> Option<T> {
    r.map_err(|e| errs.push((column, e))).ok()
}

/// The consistency rules of `LABELS.md` on the cells that parsed, each broken rule blamed on
/// the cell to correct.
fn consistency(
    d: u8,
    openness: Option<Openness>,
    pillars: Option<&[Pillar]>,
    cells: [&str; 5],
) -> Vec<CellError> {
    let mut errs = Vec::new();
    let digital = d > 0;
    let bad = |value: &str, rule: &str| LabelError::Inconsistent(format!("`{value}` {rule}"));
    if openness.is_some_and(|o| digital == (o == Openness::NotApplicable)) {
        let allowed = if digital {
            "open, closed, mixed or unknown"
        } else {
            "n/a"
        };
        let rule = format!("with digital {d} (allowed: {allowed})");
        errs.push(("openness", bad(cells[2].trim(), &rule)));
    }
    if pillars.is_some_and(|p| digital == p.is_empty()) {
        let rule = if digital {
            format!(
                "with digital {d} (allowed: one or more of people;connectivity;government;\
                 regulation;economy;dpi, joined by `;`)"
            )
        } else {
            "with digital 0 (allowed: empty, a record that is not digital has no pillar)".into()
        };
        errs.push(("pillars", bad(cells[3].trim(), &rule)));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(body: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(body.as_bytes()).unwrap();
        f
    }

    #[test]
    fn reads_valid_rows() {
        let f = file("id,digital,openness,pillars,sectors,note\nwb-P1,2,unknown,dpi;government,,x\nwb-P2,0,n/a,,healthcare,\n");
        let rows = read_gold(f.path()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].labels.pillars.len(), 2);
        assert_eq!(rows[0].text, None);
        let f = file(
            "id,digital,openness,pillars,sectors,title,description\nx,0,n/a,,,Roads,Rural roads\n",
        );
        assert_eq!(
            read_gold(f.path()).unwrap()[0].text.as_deref(),
            Some("Roads. Rural roads")
        );
    }

    #[test]
    fn names_file_row_and_column_of_a_bad_cell() {
        let f = file("id,digital,openness,pillars,sectors\nwb-P1,0,n/a,,health\n");
        let msg = read_gold(f.path()).unwrap_err().to_string();
        assert!(
            msg.contains("row 1 (spreadsheet row 2), column sectors") && msg.contains("healthcare"),
            "{msg}"
        );
        let f = file("id,digital,openness,pillars,sectors\nwb-P1,1,n/a,,\n");
        assert!(read_gold(f.path()).is_err());
        let f = file("id,digital,pillars,sectors\n");
        assert!(matches!(
            read_gold(f.path()),
            Err(GoldError::MissingColumn {
                column: "openness",
                ..
            })
        ));
    }
}
