//! The Parquet export: a directory partitioned by year (`year=2014/part-0.parquet`,
//! `year=unknown/...`), zstd-compressed, with the flat columns; pillars and sectors are
//! lists of strings so SQL engines can test membership.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{
    ArrayRef, Float32Array, Float64Array, Int32Array, ListBuilder, StringArray, StringBuilder,
    UInt8Array,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::flat::FlatRow;
use super::{export_err, RecordSink};
use crate::catalogue::error::{CatalogueError, Result};
use crate::Proposal;

/// Rows buffered per partition before they are written as a record batch.
const BATCH_ROWS: usize = 4096;

/// One year's file and its buffered rows.
#[derive(Default)]
struct Partition {
    rows: Vec<FlatRow>,
    writer: Option<ArrowWriter<File>>,
}

/// Writes flat rows into a year-partitioned Parquet directory.
pub(crate) struct ParquetSink {
    dir: PathBuf,
    schema: SchemaRef,
    parts: BTreeMap<String, Partition>,
}

impl ParquetSink {
    pub(crate) fn create(dir: &Path) -> Result<Self> {
        std::fs::create_dir(dir).map_err(CatalogueError::io(dir))?;
        Ok(ParquetSink {
            dir: dir.to_path_buf(),
            schema: schema(),
            parts: BTreeMap::new(),
        })
    }

    fn flush(&mut self, year: &str) -> Result<()> {
        let part = self.parts.get_mut(year).expect("partition exists");
        if part.rows.is_empty() {
            return Ok(());
        }
        let path = self.dir.join(format!("year={year}")).join("part-0.parquet");
        if part.writer.is_none() {
            part.writer = Some(open_writer(&path, self.schema.clone())?);
        }
        let batch = to_batch(&self.schema, &part.rows).map_err(|e| export_err(&path, e))?;
        part.rows.clear();
        let writer = part.writer.as_mut().expect("writer opened");
        writer.write(&batch).map_err(|e| export_err(&path, e))
    }
}

impl RecordSink for ParquetSink {
    fn write(&mut self, p: &Proposal) -> Result<()> {
        let year = p.year.map_or("unknown".to_string(), |y| y.to_string());
        let part = self.parts.entry(year.clone()).or_default();
        part.rows.push(FlatRow::from(p));
        if part.rows.len() >= BATCH_ROWS {
            self.flush(&year)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let years: Vec<String> = self.parts.keys().cloned().collect();
        for year in years {
            self.flush(&year)?;
            let writer = self.parts.get_mut(&year).and_then(|p| p.writer.take());
            if let Some(w) = writer {
                w.close().map_err(|e| export_err(&self.dir, e))?;
            }
        }
        Ok(())
    }
}

fn open_writer(path: &Path, schema: SchemaRef) -> Result<ArrowWriter<File>> {
    let dir = path.parent().expect("partition directory");
    std::fs::create_dir_all(dir).map_err(CatalogueError::io(dir))?;
    let file = File::create(path).map_err(CatalogueError::io(path))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build();
    ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| export_err(path, e))
}

/// The Arrow schema of the export, in CSV column order.
pub(crate) fn schema() -> SchemaRef {
    let s = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let list = |name: &str| {
        Field::new(
            name,
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        )
    };
    Arc::new(Schema::new(vec![
        s("key", false),
        s("id", false),
        s("source", false),
        s("title", false),
        s("description", false),
        s("country_code", true),
        s("country_name", true),
        s("region", true),
        Field::new("year", DataType::Int32, true),
        Field::new("budget", DataType::Float64, true),
        s("currency", true),
        s("language", true),
        Field::new("digital", DataType::UInt8, true),
        s("openness", true),
        list("pillars"),
        list("sectors"),
        Field::new("p_digital", DataType::Float32, true),
        s("evidence", false),
        s("model", true),
    ]))
}

fn to_batch(
    schema: &SchemaRef,
    rows: &[FlatRow],
) -> std::result::Result<RecordBatch, arrow::error::ArrowError> {
    let req = |f: fn(&FlatRow) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    };
    let opt = |f: fn(&FlatRow) -> Option<&str>| -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<StringArray>())
    };
    let list = |f: fn(&FlatRow) -> &Vec<String>| -> ArrayRef {
        let mut b = ListBuilder::new(StringBuilder::new());
        for r in rows {
            b.append_value(f(r).iter().map(Some));
        }
        Arc::new(b.finish())
    };
    let columns: Vec<ArrayRef> = vec![
        req(|r| &r.key),
        req(|r| &r.id),
        req(|r| &r.source),
        req(|r| &r.title),
        req(|r| &r.description),
        opt(|r| r.country_code.as_deref()),
        opt(|r| r.country_name.as_deref()),
        opt(|r| r.region.as_deref()),
        Arc::new(rows.iter().map(|r| r.year).collect::<Int32Array>()),
        Arc::new(rows.iter().map(|r| r.budget).collect::<Float64Array>()),
        opt(|r| r.currency.as_deref()),
        opt(|r| r.language.as_deref()),
        Arc::new(rows.iter().map(|r| r.digital).collect::<UInt8Array>()),
        opt(|r| r.openness.as_deref()),
        list(|r| &r.pillars),
        list(|r| &r.sectors),
        Arc::new(rows.iter().map(|r| r.p_digital).collect::<Float32Array>()),
        req(|r| &r.evidence),
        opt(|r| r.model.as_deref()),
    ];
    RecordBatch::try_new(schema.clone(), columns)
}
