//! Research aid: trains with the default configuration (or a JSON config given as the second
//! argument) and writes every gold row's out-of-fold decision scores with its labels to a CSV,
//! so thresholds and other decision rules can be studied outside the trainer.
//!
//! `cargo run --release --example oof_scores -- OUT.csv [CONFIG.json]`

use std::path::PathBuf;

use landscape::classify::heads::{head_names, RowLabel};
use landscape::classify::{dataset, train, TrainConfig};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .expect("usage: oof_scores OUT.csv [CONFIG.json]");
    let cfg: TrainConfig = match args.next() {
        Some(p) => serde_json::from_slice(&std::fs::read(p)?)?,
        None => TrainConfig::default(),
    };
    let data = PathBuf::from("../shared/data");
    let corpora: Vec<PathBuf> = dataset::CORPORA.iter().map(|c| data.join(c)).collect();
    let mut set = dataset::assemble(&[data.join("labels/gold.csv")], &corpora, cfg.weak_weight)?;
    dataset::add_examples(&mut set, &[PathBuf::from("data/schema_examples.csv")])?;
    let trained = train::train(&set, &cfg, "oof", &|s| eprintln!("{s}"))?;
    let mut w = csv::Writer::from_path(out)?;
    let mut header = vec!["key", "language", "digital", "pillars", "sectors"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    header.extend(head_names());
    w.write_record(&header)?;
    for (i, d) in trained.oof.iter().enumerate() {
        let (Some(d), RowLabel::Gold(l)) = (d, &set.rows[i]) else {
            continue;
        };
        let join = |v: Vec<String>| v.join(";");
        let mut rec = vec![
            set.keys[i].clone(),
            set.languages[i].clone().unwrap_or_default(),
            l.digital.to_string(),
            join(l.pillars.iter().map(|p| p.as_str().to_string()).collect()),
            join(l.sectors.iter().map(|s| s.as_str().to_string()).collect()),
        ];
        rec.extend(d.iter().map(|v| v.to_string()));
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}
