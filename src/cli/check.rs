//! `landscape check`: the integrity check of a catalogue and, optionally, a model directory.
//! Prints what was checked, every warning and every problem; exits 1 when there is a problem.

use std::path::PathBuf;

use landscape::catalogue::{check_catalogue, check_model, CheckReport};

/// Arguments of `landscape check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalogue directory to check.
    #[arg(long, default_value = "catalogue")]
    catalogue: PathBuf,
    /// Also check this model directory (manifest hashes of every file, and that it loads).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Check only the model (given with --model), not the catalogue.
    #[arg(long, requires = "model")]
    model_only: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let mut sound = true;
    if !args.model_only {
        sound &= report(
            "catalogue",
            &args.catalogue,
            "records",
            &check_catalogue(&args.catalogue),
        );
    }
    if let Some(m) = &args.model {
        sound &= report("model", m, "files", &check_model(m));
    }
    if sound {
        Ok(())
    } else {
        anyhow::bail!(Unsound)
    }
}

/// Prints one report; returns whether it is sound.
fn report(what: &str, dir: &std::path::Path, unit: &str, r: &CheckReport) -> bool {
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    for p in &r.problems {
        eprintln!("problem: {p}");
    }
    let verdict = if r.is_sound() { "sound" } else { "NOT SOUND" };
    println!(
        "{what} {}: {verdict} ({} {unit} checked, {} problems, {} warnings)",
        dir.display(),
        r.checked,
        r.problems.len(),
        r.warnings.len()
    );
    r.is_sound()
}

/// The error of an unsound directory (the problems are already printed); exit code 1.
#[derive(Debug)]
pub struct Unsound;

impl std::fmt::Display for Unsound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("integrity check failed")
    }
}

impl std::error::Error for Unsound {}
