//! `landscape show`: one record with all its fields, labels, probabilities and evidence.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context};
use landscape::catalogue::Catalogue;
use landscape::labels::{Classification, Openness, Pillar, Sector};
use landscape::Proposal;

/// Show one record of the catalogue.
///
/// Example: `landscape show wb-P123456` (or the bare id `P123456` when it is unique).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record's key (`source-id`) or its bare id when unique.
    pub id: String,
    /// Print the stored record as JSON.
    #[arg(long)]
    pub json: bool,
    /// The catalogue directory.
    #[arg(long, default_value = "./catalogue")]
    pub catalogue: PathBuf,
}

/// Runs `landscape show`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let cat = Catalogue::open(&args.catalogue)?;
    let Some(p) = cat.get(&args.id)? else {
        bail!(
            "no record with key or id `{}` in {}",
            args.id,
            args.catalogue.display()
        );
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &p).context("writing JSON")?;
        writeln!(out)?;
    } else {
        write_record(&mut out, &p)?;
    }
    Ok(())
}

fn write_record(out: &mut impl Write, p: &Proposal) -> std::io::Result<()> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let field = |out: &mut dyn Write, name: &str, value: &str| writeln!(out, "{name:<12} {value}");
    field(out, "key", &p.key())?;
    field(out, "title", &p.title)?;
    field(
        out,
        "country",
        &format!("{} ({})", opt(&p.country_code), opt(&p.country_name)),
    )?;
    field(out, "region", &opt(&p.region))?;
    field(out, "year", &p.year.map_or("-".into(), |y| y.to_string()))?;
    field(
        out,
        "dates",
        &format!("{} to {}", opt(&p.start_date), opt(&p.end_date)),
    )?;
    let budget = p
        .budget
        .map_or("-".into(), |b| format!("{b:.0} {}", opt(&p.currency)));
    field(out, "budget", &budget)?;
    field(out, "language", &opt(&p.language))?;
    match &p.classification {
        None => field(out, "labels", "not classified")?,
        Some(c) => write_classification(out, c)?,
    }
    writeln!(out, "description\n{}", indent(&p.description))?;
    if p.text != p.description && p.text != Proposal::default_text(&p.title, &p.description) {
        writeln!(out, "text\n{}", indent(&p.text))?;
    }
    if !p.extra.is_empty() {
        writeln!(out, "extra")?;
        for (k, v) in &p.extra {
            writeln!(out, "  {k}: {v}")?;
        }
    }
    Ok(())
}

fn write_classification(out: &mut impl Write, c: &Classification) -> std::io::Result<()> {
    let l = &c.labels;
    let d = c.digital_probs;
    writeln!(
        out,
        "{:<12} {} (p: 0={:.2} 1={:.2} 2={:.2})",
        "digital", l.digital, d[0], d[1], d[2]
    )?;
    let label_line = |out: &mut dyn Write, name: &str, value: String, probs: String| {
        writeln!(out, "{name:<12} {value} ({probs})")
    };
    label_line(
        out,
        "openness",
        l.openness.to_string(),
        probs(Openness::ALL, &c.openness_probs),
    )?;
    label_line(
        out,
        "pillars",
        list(&l.pillars),
        probs(Pillar::ALL, &c.pillar_probs),
    )?;
    label_line(
        out,
        "sectors",
        list(&l.sectors),
        probs(Sector::ALL, &c.sector_probs),
    )?;
    writeln!(out, "{:<12} {}", "model", c.model)?;
    if !c.evidence.is_empty() {
        writeln!(out, "evidence")?;
    }
    for e in &c.evidence {
        writeln!(
            out,
            "  {:<9} {:<18} {:+.2}  {}",
            e.head, e.label, e.weight, e.term
        )?;
    }
    Ok(())
}

fn list<T: ToString>(items: &[T]) -> String {
    match items {
        [] => "-".into(),
        _ => items
            .iter()
            .map(T::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// `name=p` for each value with a probability, in schema order.
fn probs<T: ToString>(all: &[T], p: &[f32]) -> String {
    let items: Vec<String> = all
        .iter()
        .zip(p)
        .map(|(v, p)| format!("{}={p:.2}", v.to_string()))
        .collect();
    match items.is_empty() {
        true => "no probabilities".into(),
        false => format!("p: {}", items.join(" ")),
    }
}

fn indent(text: &str) -> String {
    let t = text.trim();
    match t.is_empty() {
        true => "  -".into(),
        false => t
            .lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
