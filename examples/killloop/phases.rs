//! The three kill phases: `train`, then `ingest --no-classify`, then `ingest --model` (the
//! classify-into-catalogue path), each calibrated by one finished run and then killed at
//! seeded random moments within 1.3 times that run's duration (so some runs finish).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use landscape::classify::Classifier;
use landscape::Proposal;

use super::inputs::{self, Inputs, SOURCE};
use super::verify::{self, Allowed, Version};
use super::Opts;

/// One line of the summary table.
#[derive(Debug, Default)]
pub struct Row {
    pub name: &'static str,
    pub runs: usize,
    pub killed: usize,
    pub finished: usize,
    pub corrupt: usize,
    pub warned: usize,
    pub lost: usize,
    pub bad: usize,
    pub unapplied: usize,
    pub seconds: f64,
}

/// splitmix64: the seeded source of kill times and choices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Runs `cmd`, killing it with SIGKILL after `after` (None: let it finish). Returns whether
/// it was killed, and whether it exited successfully otherwise (printing its errors if not).
fn run(cmd: &mut Command, after: Option<Duration>) -> anyhow::Result<(bool, bool)> {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn()?;
    let deadline = after.map(|a| Instant::now() + a);
    let mut killed = false;
    while let Some(d) = deadline {
        if child.try_wait()?.is_some() {
            break;
        }
        let now = Instant::now();
        if now >= d {
            child.kill()?; // SIGKILL
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(2).min(d - now));
    }
    let out = child.wait_with_output()?;
    let ok = out.status.success();
    if !killed && !ok {
        eprintln!("{:?} failed: {}", cmd, String::from_utf8_lossy(&out.stderr));
    }
    Ok((killed, ok))
}

/// A kill moment in [0, 1.3 × `full`).
fn kill_time(rng: &mut Rng, full: Duration) -> Duration {
    let micros = (full.as_micros() as u64 * 13 / 10).max(1);
    Duration::from_micros(rng.below(micros))
}

/// Every phase; returns the summary rows.
pub fn run_all(o: &Opts, work: &Path) -> anyhow::Result<Vec<Row>> {
    let mut rng = Rng(o.seed);
    let inputs = inputs::write(work, o.records)?;
    let model_x = work.join("models/x");
    let train = train_phase(o, &mut rng, &model_x)?;
    let models = [o.root.join("models/default"), model_x];
    let loaded = models
        .iter()
        .map(|m| Classifier::load(m))
        .collect::<Result<Vec<_>, _>>()?;
    let lists = [inputs::read(&inputs.old)?, inputs::read(&inputs.new)?];
    let allowed = Allowed::new(inputs.versions.clone(), &loaded);
    let cat = work.join("catalogue");
    let ctx = CatPhase {
        o,
        inputs: &inputs,
        lists: &lists,
        allowed: &allowed,
        models: &models,
        cat: &cat,
    };
    let ingest = ctx.run("ingest", false, o.kills[0], &mut rng)?;
    let classify = ctx.run("classify", true, o.kills[1], &mut rng)?;
    Ok(vec![train, ingest, classify])
}

/// `landscape train --out DIR` on the schema examples and one corpus.
fn train_phase(o: &Opts, rng: &mut Rng, out: &Path) -> anyhow::Result<Row> {
    let mut row = Row {
        name: "train",
        ..Row::default()
    };
    let started = Instant::now();
    let cmd = || {
        let mut c = Command::new(&o.bin);
        c.current_dir(&o.root)
            .args([
                "train",
                "--gold",
                "data/schema_examples.csv",
                "--examples",
                "--corpus",
            ])
            .arg(&o.corpus)
            .arg("--out")
            .arg(out);
        c
    };
    let t0 = Instant::now();
    let (_, ok) = run(&mut cmd(), None)?;
    anyhow::ensure!(ok, "the calibration run of train failed");
    let full = t0.elapsed();
    eprintln!("train: one run takes {:.2} s", full.as_secs_f64());
    while row.killed < o.kills[2] {
        let (killed, ok) = run(&mut cmd(), Some(kill_time(rng, full)))?;
        row.runs += 1;
        row.killed += usize::from(killed);
        row.finished += usize::from(!killed);
        let (present, sound) = verify::model(&o.bin, out);
        if !sound || (!killed && !ok) {
            row.corrupt += 1;
            eprintln!("train: model directory not sound after a run (killed: {killed})");
        }
        if !present {
            row.lost += 1;
            eprintln!("train: the model directory is gone after a kill");
        }
    }
    let parent = out.parent().expect("models dir");
    row.warned = std::fs::read_dir(parent)?.count().saturating_sub(1);
    if !out.exists() {
        run(&mut cmd(), None)?; // the later phases label with it
    }
    row.seconds = started.elapsed().as_secs_f64();
    Ok(row)
}

/// The catalogue phases share their inputs and expectations.
struct CatPhase<'a> {
    o: &'a Opts,
    inputs: &'a Inputs,
    lists: &'a [Vec<Proposal>; 2],
    allowed: &'a Allowed,
    models: &'a [PathBuf; 2],
    cat: &'a Path,
}

impl CatPhase<'_> {
    fn command(&self, version: Version, model: Option<usize>) -> Command {
        let files = match version {
            Version::Old => &self.inputs.old,
            Version::New => &self.inputs.new,
        };
        let mut c = Command::new(&self.o.bin);
        c.current_dir(&self.o.root).arg("ingest").args(files);
        c.args(["--source", SOURCE, "--catalogue"]).arg(self.cat);
        match model {
            Some(m) => c.arg("--model").arg(&self.models[m]),
            None => c.arg("--no-classify"),
        };
        c
    }

    /// One calibration run of the new version, then `kills` killed or finished runs.
    fn run(
        &self,
        name: &'static str,
        classify: bool,
        kills: usize,
        rng: &mut Rng,
    ) -> anyhow::Result<Row> {
        let mut row = Row {
            name,
            ..Row::default()
        };
        let started = Instant::now();
        let model = classify.then_some(0);
        let t0 = Instant::now();
        let (_, ok) = run(&mut self.command(Version::New, model), None)?;
        anyhow::ensure!(ok, "the calibration run of {name} failed");
        let full = t0.elapsed();
        eprintln!("{name}: one run takes {:.2} s", full.as_secs_f64());
        let n_models = self.models.len();
        let mut keys: HashSet<String> = self.lists[1].iter().map(|p| p.key()).collect();
        while row.killed < kills {
            let version = if rng.below(2) == 0 {
                Version::Old
            } else {
                Version::New
            };
            let model = classify.then(|| rng.below(n_models as u64) as usize);
            let (killed, ok) = run(
                &mut self.command(version, model),
                Some(kill_time(rng, full)),
            )?;
            let list = &self.lists[usize::from(version == Version::New)];
            let finished = ok.then_some((version, model, list.as_slice()));
            let out = verify::catalogue(
                &self.o.bin,
                self.cat,
                self.allowed,
                n_models,
                &keys,
                finished,
            );
            row.runs += 1;
            row.killed += usize::from(killed);
            row.finished += usize::from(!killed);
            row.corrupt += usize::from(!out.check_ok || (!killed && !ok));
            row.warned += usize::from(out.check_warned);
            row.lost += out.lost;
            row.bad += out.bad;
            row.unapplied += out.unapplied;
            for n in &out.notes {
                eprintln!("{name}: {n}");
            }
            keys = out.keys;
        }
        row.seconds = started.elapsed().as_secs_f64();
        Ok(row)
    }
}
