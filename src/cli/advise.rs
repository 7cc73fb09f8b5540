//! `landscape advise`: walk the decision guide ("Should you use open source? Should this be
//! a digital public good?") interactively or from an answers file, optionally for a
//! catalogued proposal whose labels pre-fill answers and select the relevant DPGs; or write
//! the whole flowchart as DOT and SVG (`--graph`), or check a guide file (`--check`).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use landscape::advise::{self, Answers, Guide, Origin, Prefill, Question, Report, Step};
use landscape::catalogue::Catalogue;
use landscape::classify::Classifier;
use landscape::gaps::{write_atomic, DpgMap, DpgMatch};
use landscape::Proposal;

/// The registry read for DPG matching unless `--registry`.
pub const DEFAULT_REGISTRY: &str = "../shared/data/corpora/dpg_registry_candidates.csv";

/// How many DPGs a report lists.
const DPGS: usize = 8;

/// Arguments of `landscape advise`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A guide file (TOML) instead of the built-in guide.
    #[arg(long)]
    guide: Option<PathBuf>,
    /// Answers by question id (TOML: `need = "yes"`); without it, the questions are asked on
    /// the terminal (numbered answers, one per line).
    #[arg(long)]
    answers: Option<PathBuf>,
    /// A proposal's key (or id) in the catalogue: its labels pre-fill answers and select DPGs.
    #[arg(long)]
    id: Option<String>,
    /// The catalogue directory (with --id).
    #[arg(long, default_value = "./catalogue")]
    catalogue: PathBuf,
    /// The model that labels the DPG registry (with --id).
    #[arg(long, default_value = "models/default")]
    model: PathBuf,
    /// The DPG registry CSV (with --id).
    #[arg(long, default_value = DEFAULT_REGISTRY)]
    registry: PathBuf,
    /// Print the report as JSON instead of Markdown.
    #[arg(long)]
    json: bool,
    /// Also write `advice.md` and `advice.json` there (with --graph: where the files go).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Write the flowchart as `decision_guide.dot` and `decision_guide.svg` and stop.
    #[arg(long)]
    graph: bool,
    /// Check the guide file, print its size and number of paths, and stop.
    #[arg(long)]
    check: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let guide = match &args.guide {
        Some(p) => Guide::load(p)?,
        None => Guide::default_guide()?,
    };
    if args.check {
        return check(&guide);
    }
    if args.graph {
        return graph(&guide, args.out_dir.as_deref().unwrap_or(Path::new(".")));
    }
    let proposal = match &args.id {
        Some(id) => Some(load_proposal(&args.catalogue, id)?),
        None => None,
    };
    let prefill = proposal
        .as_ref()
        .map(Prefill::from_proposal)
        .unwrap_or_default();
    let dpgs = match &proposal {
        Some(p) => relevant_dpgs(&args, p)?,
        None => Vec::new(),
    };
    let walk = match &args.answers {
        Some(path) => advise::walk(&guide, &Answers::load(path)?, &prefill)?,
        None => interactive(&guide, &prefill, &dpgs)?,
    };
    let report = Report::new(&guide, &walk, proposal.as_ref(), dpgs);
    output(&args, &report)
}

fn check(guide: &Guide) -> anyhow::Result<()> {
    let paths = advise::all_paths(guide);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: valid (version {}): {} questions, {} gates, {} outcomes, {} sources, {} paths",
        guide.file,
        guide.version,
        guide.questions.len(),
        guide.gates.len(),
        guide.outcomes.len(),
        guide.sources.len(),
        paths.len()
    )?;
    Ok(())
}

fn graph(guide: &Guide, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let dot = dir.join("decision_guide.dot");
    let svg = dir.join("decision_guide.svg");
    write_atomic(&dot, advise::render_dot(guide).as_bytes())?;
    write_atomic(&svg, advise::render_svg(guide).as_bytes())?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "wrote {} and {}", dot.display(), svg.display())?;
    Ok(())
}

fn load_proposal(dir: &Path, id: &str) -> anyhow::Result<Proposal> {
    let cat = Catalogue::open(dir)?;
    let Some(p) = cat.get(id)? else {
        bail!("no record `{id}` in the catalogue {}", dir.display());
    };
    if p.classification.is_none() {
        eprintln!(
            "note: `{}` has no labels (ingested with --no-classify): nothing is pre-filled",
            p.key()
        );
    }
    Ok(p)
}

fn relevant_dpgs(args: &Args, p: &Proposal) -> anyhow::Result<Vec<DpgMatch>> {
    let Some(c) = &p.classification else {
        return Ok(Vec::new());
    };
    if !c.labels.is_digital() {
        return Ok(Vec::new());
    }
    let model = Classifier::load(&args.model).with_context(|| {
        format!(
            "cannot load the model {} to label the DPG registry",
            args.model.display()
        )
    })?;
    let map = DpgMap::classify(&args.registry, &model).with_context(|| {
        format!(
            "labelling the DPG registry {} (give another with --registry)",
            args.registry.display()
        )
    })?;
    Ok(map.matching(&c.labels.pillars, &c.labels.sectors, &p.text, DPGS))
}

fn output(args: &Args, report: &Report) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(report).context("serialising the report")? + "\n";
    let md = report.to_markdown();
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        write_atomic(&dir.join("advice.md"), md.as_bytes())?;
        write_atomic(&dir.join("advice.json"), json.as_bytes())?;
    }
    let mut out = std::io::stdout().lock();
    out.write_all(if args.json {
        json.as_bytes()
    } else {
        md.as_bytes()
    })?;
    Ok(())
}

/// Asks each question on stderr and reads numbered answers from stdin, one per line.
fn interactive(
    guide: &Guide,
    prefill: &Prefill,
    dpgs: &[DpgMatch],
) -> anyhow::Result<advise::Walk> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    eprintln!("{} (version {})", guide.title, guide.version);
    eprintln!("Answer with the number or the word; Enter keeps a pre-filled answer.\n");
    let walk = advise::walk_with(guide, |q, steps| {
        let names: Vec<&str> = dpgs.iter().map(|d| d.name.as_str()).collect();
        let hint = if q.show_dpgs {
            names.join(", ")
        } else {
            String::new()
        };
        let asked = Asked {
            guide,
            q,
            steps,
            prefill,
            hint: &hint,
        };
        ask(asked, &mut || lines.next().transpose()).map_err(|e| {
            landscape::advise::AdviseError::MissingAnswer {
                question: q.id.clone(),
                text: format!("{} ({e})", q.text),
                allowed: q.allowed(),
            }
        })
    })?;
    Ok(walk)
}

type ReadLine<'a> = dyn FnMut() -> std::io::Result<Option<String>> + 'a;

/// A question to ask, with what the terminal shows beside it.
struct Asked<'a> {
    guide: &'a Guide,
    q: &'a Question,
    steps: &'a [Step],
    prefill: &'a Prefill,
    /// The registry's DPGs for the proposal, when the question shows them.
    hint: &'a str,
}

fn ask(a: Asked<'_>, read: &mut ReadLine<'_>) -> Result<(String, Origin), String> {
    let Asked {
        guide,
        q,
        steps,
        prefill,
        hint,
    } = a;
    let n = steps.iter().filter(|s| s.origin != Origin::Gate).count() + 1;
    eprintln!("{n}. {}", q.text);
    if !q.help.is_empty() {
        eprintln!("   {}", q.help);
    }
    let cited: Vec<String> = guide
        .cited(&q.sources)
        .into_iter()
        .map(|(_, s)| s.title)
        .collect();
    eprintln!("   Sources: {}", cited.join("; "));
    if !hint.is_empty() {
        eprintln!("   DPGs of the registry for this proposal: {hint}");
    }
    let options: Vec<String> = q
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{}) {}", i + 1, a.label))
        .collect();
    eprintln!("   {}", options.join("   "));
    let pre = prefill.answer_for(q);
    if let Some((a, why)) = pre {
        eprintln!("   pre-filled from the classifier: {a} ({why})");
    }
    loop {
        eprint!("> ");
        let line = read()
            .map_err(|e| e.to_string())?
            .ok_or("stdin closed before it was answered")?;
        let line = line.trim();
        match (line.is_empty(), pre) {
            (true, Some((a, why))) => {
                eprintln!();
                return Ok((a.to_string(), Origin::Classifier(why.to_string())));
            }
            (false, _) if q.answer(line).is_some() => {
                eprintln!();
                return Ok((line.to_string(), Origin::Interactive));
            }
            _ => eprintln!("   answer 1-{} or one of: {}", q.answers.len(), q.allowed()),
        }
    }
}
