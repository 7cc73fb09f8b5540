//! Tests of the cross-validation splits and out-of-fold helpers.

use std::collections::{HashMap, HashSet};

use super::cv::*;

fn check_partition(folds: &[Fold], n: usize, eligible: &[bool]) {
    let mut tested = vec![0; n];
    for f in folds {
        let train: HashSet<_> = f.train.iter().collect();
        assert!(
            f.test.iter().all(|i| !train.contains(i)),
            "a row is both train and test"
        );
        f.test.iter().for_each(|&i| tested[i] += 1);
    }
    for i in 0..n {
        assert_eq!(
            tested[i],
            usize::from(eligible[i]),
            "row {i} tested {} times",
            tested[i]
        );
    }
}

#[test]
fn plain_kfold_tests_every_row_once_with_balanced_sizes() {
    let folds = kfold(5, 1, 103).unwrap();
    check_partition(&folds, 103, &[true; 103]);
    for f in &folds {
        assert!((20..=21).contains(&f.test.len()));
        assert_eq!(f.train.len() + f.test.len(), 103);
    }
    assert_eq!(folds, kfold(5, 1, 103).unwrap(), "same seed, same folds");
    assert_ne!(
        folds,
        kfold(5, 2, 103).unwrap(),
        "another seed, other folds"
    );
}

#[test]
fn stratified_folds_keep_class_proportions() {
    // 90 negatives, 10 positives, singleton groups.
    let strata: Vec<usize> = (0..100).map(|i| usize::from(i % 10 == 0)).collect();
    let groups: Vec<usize> = (0..100).collect();
    let folds = stratified_group_kfold(5, 7, &strata, &groups, &[true; 100]).unwrap();
    check_partition(&folds, 100, &[true; 100]);
    for f in &folds {
        let pos = f.test.iter().filter(|&&i| strata[i] == 1).count();
        assert_eq!((pos, f.test.len()), (2, 20));
    }
}

#[test]
fn groups_never_straddle_train_and_test() {
    // 60 rows in 17 groups of uneven size, three classes.
    let groups: Vec<String> = (0..60).map(|i| format!("g{}", (i * 7) % 17)).collect();
    let strata: Vec<usize> = (0..60).map(|i| i % 3).collect();
    let folds = stratified_group_kfold(4, 3, &strata, &groups, &[true; 60]).unwrap();
    check_partition(&folds, 60, &[true; 60]);
    for f in &folds {
        let test_groups: HashSet<_> = f.test.iter().map(|&i| &groups[i]).collect();
        assert!(f.train.iter().all(|&i| !test_groups.contains(&groups[i])));
    }
}

#[test]
fn weak_rows_are_never_tested_and_train_outside_their_group_fold() {
    let groups: Vec<usize> = (0..40).map(|i| i / 2).collect();
    let strata = vec![0; 40];
    // Every third row carries only a weak label.
    let eligible: Vec<bool> = (0..40).map(|i| i % 3 != 0).collect();
    let folds = stratified_group_kfold(4, 9, &strata, &groups, &eligible).unwrap();
    check_partition(&folds, 40, &eligible);
    let mut trained: HashMap<usize, usize> = HashMap::new();
    for f in &folds {
        let test_groups: HashSet<_> = f.test.iter().map(|&i| groups[i]).collect();
        for &i in &f.train {
            assert!(!test_groups.contains(&groups[i]));
            *trained.entry(i).or_default() += 1;
        }
    }
    // Row 0 (weak) shares group 0 with row 1 (eligible): trains in 3 of 4 folds.
    assert_eq!(trained[&0], 3);
    // Row 18 is weak and alone-eligible-less in group 9 with row 19 eligible: 3 folds too.
    assert_eq!(trained[&18], 3);
}

#[test]
fn too_few_groups_or_bad_lengths_are_errors() {
    let e =
        stratified_group_kfold(5, 0, &[0; 8], &[1, 1, 1, 2, 2, 2, 3, 3], &[true; 8]).unwrap_err();
    assert!(e.to_string().contains("only 3 groups"), "{e}");
    assert!(stratified_group_kfold(2, 0, &[0; 3], &[1, 2], &[true; 3]).is_err());
    assert!(kfold(1, 0, 10).is_err());
}

#[test]
fn out_of_fold_scores_come_from_the_fold_that_tests_the_row() {
    // The "model" predicts the number of training rows that are below the test row: it only
    // equals i - (rows of the same fold below i) if the train set excludes the fold.
    let n = 23;
    let folds = kfold(4, 5, n).unwrap();
    let oof = out_of_fold(4, 5, n, |train, test| {
        assert!(test.iter().all(|t| !train.contains(t)));
        Ok(test
            .iter()
            .map(|&t| train.iter().filter(|&&r| r < t).count() as f32)
            .collect())
    })
    .unwrap();
    for f in &folds {
        for &t in &f.test {
            let same_fold_below = f.test.iter().filter(|&&r| r < t).count();
            assert_eq!(oof[t], (t - same_fold_below) as f32);
        }
    }
    let wrong = out_of_fold(4, 5, n, |_, _| Ok(vec![0.0]));
    assert!(wrong.unwrap_err().to_string().contains("predictions for"));
}

#[test]
fn untested_rows_keep_the_missing_value() {
    let eligible: Vec<bool> = (0..12).map(|i| i != 4).collect();
    let folds =
        stratified_group_kfold(3, 1, &[0; 12], &(0..12).collect::<Vec<_>>(), &eligible).unwrap();
    let oof = out_of_fold_with(&folds, 12, -1i32, |_, test| {
        Ok(test.iter().map(|&t| t as i32).collect())
    })
    .unwrap();
    assert_eq!(oof[4], -1);
    assert!((0..12).filter(|&i| i != 4).all(|i| oof[i] == i as i32));
}
