//! Training: fit the featurizer on every corpus text, cross-validate the heads on the gold rows
//! (folds fixed by the seed; weak rows train but are never tested), move the pillar and sector
//! thresholds by shifts chosen out of fold (see [`super::shift`]), calibrate each head on its
//! out-of-fold scores, report, then fit the final heads on everything. Each fit self-trains on
//! a pool of unlabelled corpus texts (see [`super::selftrain`]).

use super::classifier::{decide, Classifier};
use super::config::TrainConfig;
use super::dataset::TrainingSet;
use super::heads::{label_of, HeadParams, RowLabel, N_HEADS};
use super::lexicon::Lexicon;
use super::prior;
use super::report::CvReport;
use super::selftrain::{self, Stacked};
use super::shift::{self, Shifts};
use crate::model::{stratified_group_kfold, ModelError, OneVsRest, Platt};
use crate::text::{Featurizer, SparseVec};

/// A trained classifier with its cross-validated report.
pub struct Trained {
    /// The classifier.
    pub classifier: Classifier,
    /// Cross-validation figures for the model card.
    pub report: CvReport,
    /// The pillar and sector threshold shifts, chosen out of fold and carried in the biases.
    pub shifts: Shifts,
    /// Out-of-fold decision scores of every head per training row, shifted by `shifts`
    /// (`None` for rows never tested: weak labels and schema examples).
    pub oof: Vec<Option<Vec<f32>>>,
}

/// Trains a classifier named `name` from `set`. `progress` is told each step.
pub fn train(
    set: &TrainingSet,
    cfg: &TrainConfig,
    name: &str,
    progress: &dyn Fn(&str),
) -> anyhow::Result<Trained> {
    progress("fitting the vocabulary");
    let vocab: Vec<&str> = set.vocabulary_texts.iter().map(String::as_str).collect();
    let lexicon = Lexicon::default_with_scale(cfg.lexicon_scale);
    let featurizer =
        Featurizer::fit(&vocab, &cfg.feature_config())?.with_block(Box::new(lexicon.clone()));
    progress("featurising");
    let mut texts: Vec<&str> = set.texts.iter().map(String::as_str).collect();
    texts.extend(set.unlabelled_sample(cfg.self_training_pool));
    let x = featurizer.transform_batch(&texts);
    let dim = featurizer.dim();
    let tfidf_dim = featurizer.word_dim() + featurizer.char_dim();
    let mut params =
        HeadParams::from_config(cfg)?.with_views(cfg, featurizer.word_dim(), tfidf_dim, dim);
    params.priors = prior::head_priors(&lexicon, tfidf_dim as u32, cfg.prior_strength());
    let data = Stacked {
        x: &x,
        rows: &set.rows,
    };
    let st = cfg.self_training();
    let fit = |train: &[usize]| selftrain::fit(&params, &data, train, dim, st);
    let (oof, fold_of) = cross_validate(set, cfg, &x[..set.rows.len()], &fit, progress)?;
    let groups = shift::Groups {
        pillars: cfg.shift_pillars,
        sectors: cfg.shift_sectors,
    };
    let shifts = Shifts::choose(&set.rows, &oof, groups, &|_| true);
    let tested = shift::cross_fitted(&set.rows, &oof, groups, &fold_of);
    let shifted: Vec<Option<Vec<f32>>> = oof
        .into_iter()
        .map(|d| {
            d.map(|mut d| {
                shifts.apply(&mut d);
                d
            })
        })
        .collect();
    let platt = calibrate(&set.rows, &shifted)?;
    let report = CvReport::from_oof(set, &tested, &|d, text| decide(d, &lexicon, text), cfg);
    progress("fitting the final model");
    let all: Vec<usize> = (0..set.rows.len()).collect();
    let heads = shift_heads(fit(&all)?, shifts)?;
    let classifier = Classifier::from_parts(featurizer, lexicon, heads, platt, name.to_string());
    Ok(Trained {
        classifier,
        report,
        shifts,
        oof: shifted,
    })
}

/// The heads with each group's shift added to its bias.
fn shift_heads(heads: OneVsRest, shifts: Shifts) -> Result<OneVsRest, ModelError> {
    let models = heads
        .models()
        .iter()
        .enumerate()
        .map(|(h, m)| m.clone().shifted(shifts.of_head(h)))
        .collect();
    OneVsRest::from_parts(heads.names().to_vec(), models)
}

/// The cross-validation fold that tested each row (`None` for rows never tested).
type FoldOf = Vec<Option<usize>>;

/// Out-of-fold decision scores of every head for each gold row (`None` for weak rows), and
/// the fold that tested each row.
fn cross_validate(
    set: &TrainingSet,
    cfg: &TrainConfig,
    x: &[SparseVec],
    fit: &dyn Fn(&[usize]) -> Result<OneVsRest, ModelError>,
    progress: &dyn Fn(&str),
) -> anyhow::Result<(Vec<Option<Vec<f32>>>, FoldOf)> {
    let strata: Vec<usize> = set
        .rows
        .iter()
        .map(|r| match r {
            RowLabel::Gold(l) => l.digital as usize,
            RowLabel::WeakDigital(..) | RowLabel::Example(_) | RowLabel::Pseudo(_) => 3,
        })
        .collect();
    let eligible: Vec<bool> = set
        .rows
        .iter()
        .map(|r| matches!(r, RowLabel::Gold(_)))
        .collect();
    let folds = stratified_group_kfold(cfg.folds, cfg.seed, &strata, &set.keys, &eligible)?;
    let mut oof = vec![None; set.rows.len()];
    let mut fold_of = vec![None; set.rows.len()];
    for (k, fold) in folds.iter().enumerate() {
        progress(&format!("cross-validation fold {}/{}", k + 1, folds.len()));
        let model = fit(&fold.train)?;
        for &i in &fold.test {
            oof[i] = Some(model.decisions(&x[i]));
            fold_of[i] = Some(k);
        }
    }
    Ok((oof, fold_of))
}

/// A Platt calibration per head from the out-of-fold scores of the rows it learns from.
fn calibrate(rows: &[RowLabel], oof: &[Option<Vec<f32>>]) -> anyhow::Result<Vec<Platt>> {
    (0..N_HEADS)
        .map(|h| {
            let (scores, labels): (Vec<f32>, Vec<bool>) = rows
                .iter()
                .zip(oof)
                .filter_map(|(r, d)| Some((d.as_ref()?[h], label_of(r, h)?.0)))
                .unzip();
            Ok(Platt::fit(&scores, &labels)?)
        })
        .collect()
}
