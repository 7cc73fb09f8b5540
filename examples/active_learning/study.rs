//! The rounds of the study: split, start, train, score, choose, repeat.

use std::path::Path;

use landscape::classify::dataset::{self, CORPORA};
use landscape::classify::heads::{
    self, HeadParams, RowLabel, DIGITAL, PILLAR0, PRINCIPAL, SECTOR0,
};
use landscape::classify::TrainConfig;
use landscape::labels::{Classification, Labels, Openness};
use landscape::model::rng::SplitMix64;
use landscape::retrain::suggest::{random_pick, select, uncertainty, Head, SelectOptions};
use landscape::text::{Featurizer, SparseVec};

/// Rows that start every run.
pub const START: usize = 200;
/// Rows added per round.
pub const STEP: usize = 100;

/// One measurement: a strategy's test F1 after training on `labels` rows.
#[derive(Debug, Clone)]
pub struct Point {
    pub seed: u64,
    pub strategy: &'static str,
    pub labels: usize,
    /// `digital` F1, pillars micro-F1 (gold-digital rows), sectors micro-F1.
    pub f1: [f64; 3],
}

struct Data {
    x: Vec<SparseVec>,
    rows: Vec<RowLabel>,
    labels: Vec<Labels>,
    dim: usize,
}

pub fn run(data_dir: &Path, seeds: u64) -> anyhow::Result<Vec<Point>> {
    let t = std::time::Instant::now();
    let corpora: Vec<_> = CORPORA.iter().map(|c| data_dir.join(c)).collect();
    let set = dataset::assemble(&[data_dir.join("labels/gold.csv")], &corpora, 0.0)?;
    let cfg = TrainConfig::default();
    let vocab: Vec<&str> = set.vocabulary_texts.iter().map(String::as_str).collect();
    let lexicon = landscape::classify::Lexicon::default_with_scale(cfg.lexicon_scale);
    let f = Featurizer::fit(&vocab, &cfg.feature_config())?.with_block(Box::new(lexicon));
    let texts: Vec<&str> = set.texts.iter().map(String::as_str).collect();
    let labels: Vec<Labels> = set
        .rows
        .iter()
        .map(|r| match r {
            RowLabel::Gold(l) => l.clone(),
            _ => unreachable!("assemble with weak weight 0 gives gold rows only"),
        })
        .collect();
    let d = Data {
        x: f.transform_batch(&texts),
        rows: set.rows.clone(),
        labels,
        dim: f.dim(),
    };
    eprintln!(
        "[{:>5.1}s] {} gold rows featurised",
        t.elapsed().as_secs_f32(),
        d.x.len()
    );
    let (test, pool) = split(&d.labels, 4, 7);
    let params = HeadParams::from_config(&cfg)?;
    let mut out = Vec::new();
    for seed in 1..=seeds {
        for strategy in ["active", "random"] {
            out.extend(one_run(&d, &params, &test, &pool, seed, strategy)?);
            eprintln!(
                "[{:>5.1}s] seed {seed} {strategy} done",
                t.elapsed().as_secs_f32()
            );
        }
    }
    Ok(out)
}

/// The points of a results CSV written by an earlier run.
pub fn read_csv(path: &Path) -> anyhow::Result<Vec<Point>> {
    let mut out = Vec::new();
    for r in csv::Reader::from_path(path)?.records() {
        let r = r?;
        let strategy = match &r[1] {
            "active" => "active",
            "random" => "random",
            other => anyhow::bail!("{}: unknown strategy `{other}`", path.display()),
        };
        let f = |k: usize| r[k].parse::<f64>();
        out.push(Point {
            seed: r[0].parse()?,
            strategy,
            labels: r[2].parse()?,
            f1: [f(3)?, f(4)?, f(5)?],
        });
    }
    Ok(out)
}

/// Every `k`-th row of each `digital` class (after a seeded shuffle) is a test row.
fn split(labels: &[Labels], k: usize, seed: u64) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    let mut seen = [0usize; 3];
    let (mut test, mut pool) = (Vec::new(), Vec::new());
    for i in order {
        let c = labels[i].digital as usize;
        seen[c] += 1;
        if seen[c] % k == 0 {
            test.push(i)
        } else {
            pool.push(i)
        }
    }
    (test, pool)
}

fn one_run(
    d: &Data,
    params: &HeadParams,
    test: &[usize],
    pool: &[usize],
    seed: u64,
    strategy: &'static str,
) -> anyhow::Result<Vec<Point>> {
    // The same stratified start for both strategies of a seed.
    let (mut labelled, mut rest) = split_start(d, pool, seed);
    let mut out = Vec::new();
    loop {
        let model = heads::fit(params, &d.x, &d.rows, &labelled, d.dim)?;
        out.push(Point {
            seed,
            strategy,
            labels: labelled.len(),
            f1: score(d, &model, test),
        });
        if rest.is_empty() {
            return Ok(out);
        }
        let n = STEP.min(rest.len());
        let picked = match strategy {
            "active" => {
                let scores: Vec<f32> = rest
                    .iter()
                    .map(|&i| {
                        uncertainty(&as_classification(&model.decisions(&d.x[i])), Head::Digital)
                            .score
                    })
                    .collect();
                let opts = SelectOptions {
                    seed,
                    ..SelectOptions::default()
                };
                select(&scores, &|k| d.x[rest[k]].clone(), n, &opts)
            }
            _ => random_pick(rest.len(), n, seed * 1000 + labelled.len() as u64),
        };
        let mut take = vec![false; rest.len()];
        picked.iter().for_each(|&k| take[k] = true);
        labelled.extend(picked.iter().map(|&k| rest[k]));
        rest = rest
            .iter()
            .zip(&take)
            .filter(|(_, t)| !**t)
            .map(|(i, _)| *i)
            .collect();
    }
}

/// `START` pool rows stratified by `digital`, and the rest of the pool.
fn split_start(d: &Data, pool: &[usize], seed: u64) -> (Vec<usize>, Vec<usize>) {
    let k = pool.len() / START;
    let sub: Vec<Labels> = pool.iter().map(|&i| d.labels[i].clone()).collect();
    let (start, rest) = split(&sub, k, 1000 + seed);
    let mut start: Vec<usize> = start.into_iter().map(|j| pool[j]).collect();
    let mut rest: Vec<usize> = rest.into_iter().map(|j| pool[j]).collect();
    while start.len() > START {
        rest.push(start.pop().expect("non-empty"));
    }
    rest.sort_unstable();
    (start, rest)
}

/// The probabilities the selection reads, from raw head scores (logistic: `sigmoid(score)`).
fn as_classification(d: &[f32]) -> Classification {
    let s = |x: f32| 1.0 / (1.0 + (-x).exp());
    let (pd, pp) = (s(d[DIGITAL]), s(d[PRINCIPAL]));
    Classification {
        labels: Labels {
            digital: 0,
            openness: Openness::NotApplicable,
            pillars: vec![],
            sectors: vec![],
        },
        digital_probs: [1.0 - pd, pd * (1.0 - pp), pd * pp],
        openness_probs: vec![],
        pillar_probs: d[PILLAR0..SECTOR0].iter().map(|&x| s(x)).collect(),
        sector_probs: d[SECTOR0..].iter().map(|&x| s(x)).collect(),
        evidence: vec![],
        model: String::new(),
    }
}

/// Test F1: `digital`; pillars micro (gold-digital rows; the best pillar when none is
/// positive, as the classifier decides); sectors micro.
fn score(d: &Data, model: &landscape::model::OneVsRest, test: &[usize]) -> [f64; 3] {
    let mut c = [[0usize; 3]; 3]; // [measure][tp, fp, fn]
    let mut count = |m: usize, truth: bool, pred: bool| match (truth, pred) {
        (true, true) => c[m][0] += 1,
        (false, true) => c[m][1] += 1,
        (true, false) => c[m][2] += 1,
        _ => {}
    };
    for &i in test {
        let s = model.decisions(&d.x[i]);
        let g = &d.labels[i];
        count(0, g.is_digital(), s[DIGITAL] > 0.0);
        for k in 0..6 {
            count(
                2,
                g.sectors.iter().any(|x| x.index() == k),
                s[SECTOR0 + k] > 0.0,
            );
        }
        if g.is_digital() {
            let p = &s[PILLAR0..SECTOR0];
            let best = (0..6).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
            let none = p.iter().all(|&x| x <= 0.0);
            for (k, &pk) in p.iter().enumerate() {
                let pred = pk > 0.0 || (none && k == best);
                count(1, g.pillars.iter().any(|x| x.index() == k), pred);
            }
        }
    }
    c.map(|[tp, fp, fn_]| {
        if tp == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
        }
    })
}
