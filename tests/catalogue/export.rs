//! Exports in all three formats read back to the records that were filtered.

use std::collections::BTreeMap;
use std::fs::File;

use arrow::array::{Array, AsArray};
use arrow::datatypes::{Int32Type, UInt8Type};
use landscape::catalogue::{ExportFormat, SearchQuery, CSV_COLUMNS};
use landscape::Proposal;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::{build, data};

fn digital_only() -> SearchQuery {
    SearchQuery {
        digital: vec![1, 2],
        ..Default::default()
    }
}

fn digital_records() -> Vec<Proposal> {
    let mut v: Vec<Proposal> = data()
        .into_iter()
        .filter(|p| {
            p.classification
                .as_ref()
                .is_some_and(|c| c.labels.digital > 0)
        })
        .collect();
    v.sort_by_key(|p| p.key());
    v
}

#[test]
fn jsonl_round_trips_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(&dir.path().join("cat"), &data());
    let out = dir.path().join("out.jsonl");
    let n = cat
        .export(&digital_only(), ExportFormat::Jsonl, &out)
        .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut back: Vec<Proposal> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    back.sort_by_key(|p| p.key());
    assert_eq!(n as usize, back.len());
    assert_eq!(back, digital_records());
    // Exporting again replaces the file and leaves no temporary files beside it.
    let all = cat
        .export(&SearchQuery::default(), ExportFormat::Jsonl, &out)
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count() as u64,
        all
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn csv_has_flat_columns() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(&dir.path().join("cat"), &data());
    let out = dir.path().join("out.csv");
    let n = cat
        .export(&SearchQuery::default(), ExportFormat::Csv, &out)
        .unwrap();
    let mut r = csv::Reader::from_path(&out).unwrap();
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), CSV_COLUMNS);
    let rows: BTreeMap<String, csv::StringRecord> = r
        .records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), x))
        .collect();
    assert_eq!(rows.len() as u64, n);
    assert_eq!(n, 12);
    let col = |key: &str, name: &str| {
        let i = CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        rows[key][i].to_string()
    };
    assert_eq!(col("wb-P3", "pillars"), "government;dpi");
    assert_eq!(col("wb-P3", "openness"), "closed");
    assert_eq!(col("wb-P3", "digital"), "2");
    assert_eq!(col("wb-P3", "p_digital"), "0.9000");
    assert_eq!(col("wb-P3", "evidence"), "1: mobile (+1.25)");
    assert_eq!(
        col("wb-P1", "description"),
        "Expand mobile money & agent networks <rural>."
    );
    assert_eq!(col("undp14-00013", "year"), "");
    assert_eq!(col("aid-X1", "digital"), "");
    assert_eq!(col("aid-X1", "country_code"), "");
    assert_eq!(col("wb-P1", "budget"), "1250000.5");
}

/// Year, digital and pillars of one exported row.
type Row = (Option<i32>, Option<u8>, Vec<String>);

#[test]
fn parquet_is_partitioned_by_year_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let cat = build(&dir.path().join("cat"), &data());
    let out = dir.path().join("pq");
    std::fs::create_dir_all(out.join("stale")).unwrap();
    let n = cat
        .export(&SearchQuery::default(), ExportFormat::Parquet, &out)
        .unwrap();
    let mut seen: BTreeMap<String, Row> = BTreeMap::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let part = entry.unwrap().path();
        let name = part.file_name().unwrap().to_str().unwrap().to_string();
        let year = name
            .strip_prefix("year=")
            .expect("only year partitions")
            .to_string();
        let file = File::open(part.join("part-0.parquet")).unwrap();
        for batch in ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
        {
            let b = batch.unwrap();
            let keys = b.column_by_name("key").unwrap().as_string::<i32>().clone();
            let years = b
                .column_by_name("year")
                .unwrap()
                .as_primitive::<Int32Type>()
                .clone();
            let digital = b
                .column_by_name("digital")
                .unwrap()
                .as_primitive::<UInt8Type>()
                .clone();
            let pillars = b
                .column_by_name("pillars")
                .unwrap()
                .as_list::<i32>()
                .clone();
            for i in 0..b.num_rows() {
                let y = years.is_valid(i).then(|| years.value(i));
                assert_eq!(y.map_or("unknown".to_string(), |y| y.to_string()), year);
                let d = digital.is_valid(i).then(|| digital.value(i));
                let p = pillars.value(i);
                let p = p
                    .as_string::<i32>()
                    .iter()
                    .map(|s| s.unwrap().to_string())
                    .collect();
                seen.insert(keys.value(i).to_string(), (y, d, p));
            }
        }
    }
    assert_eq!(seen.len() as u64, n);
    for p in data() {
        let l = p.classification.as_ref().map(|c| &c.labels);
        let pillars = l.map_or(vec![], |l| {
            l.pillars.iter().map(|x| x.to_string()).collect()
        });
        assert_eq!(
            seen[&p.key()],
            (p.year, l.map(|l| l.digital), pillars),
            "{}",
            p.key()
        );
    }
}
