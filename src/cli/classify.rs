//! `landscape classify`: label proposal files (any format `ingest` reads) or a JSON Lines
//! stream on stdin, writing CSV or JSON Lines. Batches are classified in parallel and written
//! as they come, so memory stays flat; a file output is written to a temporary file, then
//! renamed. Files go through a pipeline: a reader thread (started while the model loads), a
//! classifying thread and this thread writing, joined by bounded channels, so reading and
//! writing overlap classification. With `--catalogue`, the writing stage also upserts every
//! record into a catalogue (see [`super::store`]), committed once at the end.

use std::fs::File;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use landscape::catalogue::Catalogue;
use landscape::classify::output::{Format as OutFormat, Sink};
use landscape::classify::Classifier;
use landscape::ingest::{self, ReadOptions};
use landscape::Proposal;
use rayon::prelude::*;

use super::store::{self, Store};

/// Records per batch: small enough that the pipeline fills and drains quickly.
const BATCH: usize = 1024;
/// Batches waiting between two stages: enough to keep every stage busy, few enough that
/// memory stays flat.
const IN_FLIGHT: usize = 2;

/// Arguments of `landscape classify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input files; none (or `-`) reads JSON Lines from stdin and writes JSON Lines to stdout.
    inputs: Vec<PathBuf>,
    /// Input format: csv, jsonl, iati, undp-json (default: from the file extension).
    #[arg(long)]
    format: Option<ingest::Format>,
    /// Column layout preset (default: detected from the header).
    #[arg(long)]
    preset: Option<ingest::Preset>,
    /// Map a field to a column, e.g. `--map id=ref` (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN", value_parser = ingest::parse_map)]
    maps: Vec<(String, String)>,
    /// The model directory.
    /// (default: the version named in models/DEFAULT, else models/default)
    #[arg(long)]
    model: Option<PathBuf>,
    /// Output file, `.csv` or `.jsonl` (default: JSON Lines on stdout, or nothing when
    /// `--catalogue` is given).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Also store every record with its labels, probabilities and evidence in this catalogue
    /// (created if missing; committed at the end), as `landscape ingest` does; rejected
    /// records go to its `rejects.jsonl`.
    #[arg(long)]
    catalogue: Option<PathBuf>,
}

/// Where the writing stage puts each classified record.
struct Outputs<'s, 'c> {
    sink: Option<&'s mut Sink>,
    store: Option<&'s mut Store<'c>>,
}

impl Outputs<'_, '_> {
    fn write(&mut self, p: &Proposal) -> anyhow::Result<()> {
        if let Some(s) = self.sink.as_mut() {
            s.write(p)?;
        }
        if let Some(s) = self.store.as_mut() {
            s.upsert(p)?;
        }
        Ok(())
    }
}

/// A progress bar on a terminal (hidden otherwise).
pub fn progress(total: u64, path: &Path) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
            .expect("valid template"),
    );
    bar.set_message(path.display().to_string());
    bar
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let model_dir = landscape::retrain::resolve_model(args.model.as_deref())?;
    let load = || {
        Classifier::load(&model_dir)
            .with_context(|| format!("cannot load the model {}", model_dir.display()))
    };
    let dashes = args.inputs.iter().filter(|p| p.as_os_str() == "-").count();
    if dashes > 0 && args.inputs.len() > dashes {
        anyhow::bail!("give either files or `-` (JSON Lines on stdin), not both");
    }
    let stdin_mode = args.inputs.is_empty() || dashes > 0;
    if stdin_mode && args.catalogue.is_some() {
        anyhow::bail!(
            "--catalogue stores records read from files: give the input files (a JSON Lines \
             stream on stdin is classified to stdout only)"
        );
    }
    let cat = args
        .catalogue
        .as_deref()
        .map(Catalogue::create_or_open)
        .transpose()?;
    let mut store = cat.as_ref().map(Store::open).transpose()?;
    let (tmp, mut sink) = open_sink(args.out.as_deref(), cat.is_none())?;
    let n = if stdin_mode {
        let sink = sink.as_mut().expect("stdin mode always writes");
        classify_stdin(&load()?, sink)?
    } else {
        let opts = ReadOptions {
            format: args.format,
            preset: args.preset,
            maps: args.maps.clone(),
            source: None,
            // Only a catalogue stores the language; the output files have no column for it.
            skip_language: cat.is_none(),
        };
        let rejects = cat.as_ref().map(store::rejects_file).transpose()?;
        let mut outputs = Outputs {
            sink: sink.as_mut(),
            store: store.as_mut(),
        };
        classify_files(load, &args.inputs, &opts, rejects, &mut outputs)?
    };
    if let Some(sink) = sink {
        sink.finish()?;
    }
    if let (Some(t), Some(p)) = (tmp, &args.out) {
        t.persist(p)
            .with_context(|| format!("cannot write {}", p.display()))?;
        eprintln!("classified {n} records into {}", p.display());
    }
    if let Some(store) = store {
        store.commit()?;
    }
    Ok(())
}

/// The output sink: a temporary file renamed to `out` at the end, stdout when there is no
/// `out` and `stdout` is allowed, else none.
fn open_sink(
    out: Option<&Path>,
    stdout: bool,
) -> anyhow::Result<(Option<tempfile::NamedTempFile>, Option<Sink>)> {
    let format = match out {
        Some(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => OutFormat::Csv,
        _ => OutFormat::Jsonl,
    };
    let (tmp, w): (Option<tempfile::NamedTempFile>, Box<dyn Write>) = match out {
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let t = landscape::atomic::temp_file_in(dir)?;
            let f = t.reopen()?;
            (Some(t), Box::new(BufWriter::new(f)))
        }
        None if stdout => (None, Box::new(BufWriter::new(std::io::stdout().lock()))),
        None => return Ok((None, None)),
    };
    Ok((tmp, Some(Sink::new(w, format)?)))
}

/// Classifies the files through the pipeline (see the module documentation); the model is
/// loaded by `load` while the reader starts. The first error wins in stage order: the model,
/// writing, reading (a stage that stops makes the one before it stop too).
fn classify_files(
    load: impl FnOnce() -> anyhow::Result<Classifier>,
    paths: &[PathBuf],
    opts: &ReadOptions,
    rejects: Option<File>,
    out: &mut Outputs,
) -> anyhow::Result<u64> {
    std::thread::scope(|s| {
        let (read_tx, read_rx) = sync_channel(IN_FLIGHT);
        let reader = s.spawn(move || read_files(paths, opts, rejects, read_tx));
        let model = match load() {
            Ok(m) => m,
            Err(e) => {
                drop(read_rx);
                let _ = reader.join();
                return Err(e);
            }
        };
        let (done_tx, done_rx) = sync_channel(IN_FLIGHT);
        let classifier = s.spawn(move || classify_stage(&model, read_rx, done_tx));
        let written = write_stage(done_rx, out);
        classifier
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let read = reader
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let n = written?;
        read?;
        Ok(n)
    })
}

/// The reader stage: every file in turn, in batches of [`BATCH`] records, rejects reported
/// on stderr (and appended to `rejects`). Stops quietly when the next stage has stopped.
fn read_files(
    paths: &[PathBuf],
    opts: &ReadOptions,
    mut rejects: Option<File>,
    tx: SyncSender<Vec<Proposal>>,
) -> anyhow::Result<()> {
    for path in paths {
        let bar = progress(ingest::total_bytes(path)?, path);
        let mut reader = ingest::open(path, opts)?;
        loop {
            let batch = next_batch(&mut *reader, rejects.as_mut())?;
            if batch.is_empty() {
                break;
            }
            if tx.send(batch).is_err() {
                return Ok(());
            }
            bar.set_position(reader.bytes_read());
        }
        bar.finish_and_clear();
    }
    if let Some(f) = rejects {
        f.sync_all()?;
    }
    Ok(())
}

/// Up to [`BATCH`] proposals from `reader` (empty at its end).
fn next_batch(
    reader: &mut dyn ingest::ProposalReader,
    mut rejects: Option<&mut File>,
) -> anyhow::Result<Vec<Proposal>> {
    let mut batch = Vec::with_capacity(BATCH);
    for r in &mut *reader {
        match r {
            Ok(p) => batch.push(p),
            Err(r) => store::reject(&r, rejects.as_deref_mut())?,
        }
        if batch.len() == BATCH {
            break;
        }
    }
    Ok(batch)
}

/// The classifying stage: each batch in parallel, passed on in order.
fn classify_stage(m: &Classifier, rx: Receiver<Vec<Proposal>>, tx: SyncSender<Vec<Proposal>>) {
    for mut batch in rx {
        classify_batch(m, &mut batch);
        if tx.send(batch).is_err() {
            return;
        }
    }
}

/// The writing stage; on an error it returns at once, which stops the stages before it.
fn write_stage(rx: Receiver<Vec<Proposal>>, out: &mut Outputs) -> anyhow::Result<u64> {
    let mut n = 0;
    for batch in rx {
        for p in &batch {
            out.write(p)?;
        }
        n += batch.len() as u64;
    }
    Ok(n)
}

/// Streams JSON Lines from stdin: a reader thread feeds lines; each round classifies whatever
/// has arrived (at least one line, at most 256) and flushes, so a caller that sends one line
/// and waits gets its answer at once, and a large pipe is still classified in parallel batches.
fn classify_stdin(m: &Classifier, sink: &mut Sink) -> anyhow::Result<u64> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<String>>(1024);
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut n = 0;
    let mut line_no = 0u64;
    while let Ok(first) = rx.recv() {
        let mut lines = vec![first];
        lines.extend(rx.try_iter().take(255));
        let mut batch = Vec::with_capacity(lines.len());
        for line in lines {
            line_no += 1;
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            match landscape::classify::output::proposal_from_json(&line) {
                Ok(p) => batch.push(p),
                Err(e) => eprintln!("rejected: stdin:{line_no}: {e}"),
            }
        }
        n += write_batch(m, batch, sink)?;
        sink.flush()?;
    }
    Ok(n)
}

fn write_batch(m: &Classifier, mut batch: Vec<Proposal>, sink: &mut Sink) -> anyhow::Result<u64> {
    classify_batch(m, &mut batch);
    for p in &batch {
        sink.write(p)?;
    }
    Ok(batch.len() as u64)
}

fn classify_batch(m: &Classifier, batch: &mut [Proposal]) {
    batch
        .par_iter_mut()
        .for_each(|p| p.classification = Some(m.classify(&p.text)));
}
