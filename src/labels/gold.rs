//! Labelled files (`id,digital,openness,pillars,sectors[,note]`, as `labels/gold.csv`): read and
//! validated against the schema, with a clear message per bad cell.

use std::path::{Path, PathBuf};

use super::schema::{LabelError, Labels};

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
    #[error("{path}, row {row}, column {column}: {source}")]
    BadCell {
        /// The file.
        path: PathBuf,
        /// 1-based data row (the header is row 0).
        row: u64,
        /// The column.
        column: &'static str,
        /// What is wrong, with the allowed values.
        source: LabelError,
    },
}

const COLUMNS: [&str; 5] = ["id", "digital", "openness", "pillars", "sectors"];

/// Reads and validates a labelled file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldRow>, GoldError> {
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
            .position(|h| h.trim() == column)
            .ok_or_else(|| GoldError::MissingColumn {
                path: path.to_path_buf(),
                column,
            })?;
    }
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (text_col, title_col, descr_col) = (col("text"), col("title"), col("description"));
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(io)?;
        let row = n as u64 + 1;
        let cell = |k: usize| rec.get(idx[k]).unwrap_or("");
        let bad = |column, source| GoldError::BadCell {
            path: path.to_path_buf(),
            row,
            column,
            source,
        };
        let labels = Labels {
            digital: Labels::parse_digital(cell(1)).map_err(|e| bad("digital", e))?,
            openness: cell(2).parse().map_err(|e| bad("openness", e))?,
            pillars: Labels::parse_list(cell(3)).map_err(|e| bad("pillars", e))?,
            sectors: Labels::parse_list(cell(4)).map_err(|e| bad("sectors", e))?,
        };
        labels.check().map_err(|e| bad("digital", e))?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
        let text = match get(text_col) {
            "" => crate::Proposal::default_text(get(title_col), get(descr_col)),
            t => t.to_string(),
        };
        out.push(GoldRow {
            id: cell(0).trim().to_string(),
            labels,
            text: (!text.is_empty()).then_some(text),
        });
    }
    Ok(out)
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
            msg.contains("row 1, column sectors") && msg.contains("healthcare"),
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
