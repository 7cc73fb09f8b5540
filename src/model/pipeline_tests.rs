//! End-to-end use of the module as the trainer would: grouped cross-validation gives
//! out-of-fold decision values, Platt scaling and an F1 threshold are fitted on them, the
//! result is scored, and the final model goes through the model directory and back.

use linfa::ParamGuard;
use serde_json::json;

use super::codec::{decode_ovr, encode_ovr};
use super::synth::synthetic;
use super::*;

#[test]
fn cross_validated_calibrated_model_scores_well_and_survives_the_store() {
    let data = synthetic(1500, 300, 12, 0.3, 17);
    let n = data.rows.len();
    let groups: Vec<usize> = (0..n).map(|i| i / 3).collect();
    let strata: Vec<usize> = data.labels.iter().map(|&l| usize::from(l)).collect();
    let eligible: Vec<bool> = (0..n).map(|i| i % 10 != 0).collect();
    let folds = stratified_group_kfold(5, 99, &strata, &groups, &eligible).unwrap();
    let params = LogisticParams::new().c(10.0).check().unwrap();
    let oof = out_of_fold_with(&folds, n, f32::NAN, |train, test| {
        let xs: Vec<_> = train.iter().map(|&i| data.rows[i].clone()).collect();
        let ys: Vec<_> = train.iter().map(|&i| data.labels[i]).collect();
        let m = params.fit_sparse_dim(&xs, &ys, None, 300)?;
        Ok(test.iter().map(|&i| m.decision(&data.rows[i])).collect())
    })
    .unwrap();
    let tested: Vec<usize> = (0..n).filter(|&i| eligible[i]).collect();
    assert!(tested.iter().all(|&i| oof[i].is_finite()));
    assert!((0..n).filter(|&i| !eligible[i]).all(|i| oof[i].is_nan()));

    let scores: Vec<f32> = tested.iter().map(|&i| oof[i]).collect();
    let truth: Vec<bool> = tested.iter().map(|&i| data.labels[i]).collect();
    let platt = Platt::fit(&scores, &truth).unwrap();
    let probs: Vec<f32> = scores.iter().map(|&s| platt.probability(s)).collect();
    let t = best_threshold(&probs, &truth).unwrap();
    let pred: Vec<usize> = probs.iter().map(|&p| usize::from(p >= t)).collect();
    let gold: Vec<usize> = truth.iter().map(|&l| usize::from(l)).collect();
    let names = vec!["no".to_string(), "yes".to_string()];
    let report = Report::multiclass(&names, &gold, &pred).unwrap();
    assert!(report.labels[1].f1 > 0.75, "{}", report.to_text());
    // Platt is the likelihood-best sigmoid of the scores: no worse than the raw one, and
    // much better than an overconfident rescaling.
    let log_loss = |p: &dyn Fn(f32) -> f64| -> f64 {
        let ll = |(&s, &y): (&f32, &bool)| -(if y { p(s) } else { 1.0 - p(s) }).max(1e-12).ln();
        scores.iter().zip(&truth).map(ll).sum::<f64>() / scores.len() as f64
    };
    let calibrated = log_loss(&|s| platt.probability(s) as f64);
    let raw = log_loss(&|s| 1.0 / (1.0 + (-s as f64).exp()));
    let overconfident = log_loss(&|s| 1.0 / (1.0 + (-5.0 * s as f64).exp()));
    assert!(calibrated <= raw + 1e-3 && calibrated < overconfident - 0.05);

    let targets = [BinaryTarget {
        name: "yes".into(),
        labels: data.labels.clone(),
        sample_weight: None,
        prior: Vec::new(),
    }];
    let model = OneVsRest::fit_dim(&params, &data.rows, &targets, 300).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("model");
    let extra = json!({"seed": 99, "platt": platt, "threshold": t, "report": report});
    ModelStore::write(&dir, &[("heads.bin", encode_ovr(&model))], extra).unwrap();
    let store = ModelStore::open(&dir).unwrap();
    assert_eq!(
        decode_ovr(&store.read("heads.bin").unwrap()).unwrap(),
        model
    );
    let back: Platt = serde_json::from_value(store.manifest().extra["platt"].clone()).unwrap();
    assert_eq!(back, platt);
}
