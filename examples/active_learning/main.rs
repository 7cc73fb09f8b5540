//! The simulated labelling study of issue 8: does choosing what to label with
//! `landscape suggest` (uncertainty plus diversity) need fewer labels than choosing at random?
//!
//! The 1,840 gold rows are split once into a fixed test part (a quarter, stratified by
//! `digital`, never trained on) and a pool. For each seed, 200 pool rows (stratified, seeded)
//! start the training set; each round trains the fourteen heads on the labelled rows, scores
//! the test part, then adds 100 pool rows, chosen either by the library's selection
//! (`retrain::suggest::select` on the `digital` uncertainty, diversity 0.5) or uniformly at
//! random; their gold labels are revealed as if an analyst had written them. The featurizer
//! (unsupervised, all corpus texts) is fitted once.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-retrain nice cargo run --release --example active_learning -- \
//!     [--data ../shared/data] [--seeds 3] [--out docs/active_learning]
//! ```
//!
//! writes `docs/active_learning.csv` (one line per seed, strategy and round) and
//! `docs/active_learning.svg` (mean `digital` F1 against labels used, with the range over seeds);
//! `--replot` redraws the figure and the summary from the CSV without running the study.

mod plot;
mod study;

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut data = PathBuf::from("../shared/data");
    let mut seeds = 3u64;
    let mut out = PathBuf::from("docs/active_learning");
    let mut replot = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--data" => data = value()?.into(),
            "--seeds" => seeds = value()?.parse()?,
            "--out" => out = value()?.into(),
            "--replot" => replot = true,
            _ => anyhow::bail!("unknown argument {a} (allowed: --data, --seeds, --out, --replot)"),
        }
    }
    let csv = out.with_extension("csv");
    if replot {
        let summary = plot::summarise(&study::read_csv(&csv)?);
        std::fs::write(out.with_extension("svg"), plot::svg(&summary))?;
        println!("{}", plot::savings_text(&summary));
        return Ok(());
    }
    let results = study::run(&data, seeds)?;
    let mut w = csv::Writer::from_path(&csv)?;
    w.write_record([
        "seed",
        "strategy",
        "labels",
        "digital_f1",
        "pillars_micro_f1",
        "sectors_micro_f1",
    ])?;
    for r in &results {
        w.write_record([
            r.seed.to_string(),
            r.strategy.to_string(),
            r.labels.to_string(),
            format!("{:.4}", r.f1[0]),
            format!("{:.4}", r.f1[1]),
            format!("{:.4}", r.f1[2]),
        ])?;
    }
    w.flush()?;
    let summary = plot::summarise(&results);
    std::fs::write(out.with_extension("svg"), plot::svg(&summary))?;
    println!("{}", plot::savings_text(&summary));
    println!(
        "wrote {} and {}",
        csv.display(),
        out.with_extension("svg").display()
    );
    Ok(())
}
