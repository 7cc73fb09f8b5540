//! Every root-to-outcome path of the shipped guide, walked from an answers file generated
//! for it; and the prefill from the classifier's labels.

use landscape::advise::{all_paths, walk, Answers, Guide, Origin, Prefill, PrefillFact, Report};

fn guide() -> Guide {
    Guide::default_guide().expect("the shipped guide is valid")
}

#[test]
fn every_path_reaches_its_outcome_with_cited_reasons() {
    let g = guide();
    let paths = all_paths(&g);
    assert!(paths.len() > 100, "only {} paths", paths.len());
    for p in &paths {
        let text = p.to_answers().to_toml();
        let answers = Answers::parse(&text, "generated").unwrap();
        let w = walk(&g, &answers, &Prefill::default()).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(w.outcome, p.outcome, "answers:\n{text}");
        assert_eq!(w.failed.is_empty(), !p.failed, "answers:\n{text}");
        let r = Report::new(&g, &w, None, Vec::new());
        assert_eq!(r.path.len(), w.steps.len());
        assert!(!r.reasons.is_empty());
        for reason in &r.reasons {
            assert!(
                !reason.sources.is_empty(),
                "uncited reason `{}`",
                reason.text
            );
            assert!(reason
                .sources
                .iter()
                .all(|c| c.source.url.starts_with("https://")));
        }
        let outcome = g.outcomes.iter().find(|o| o.id == w.outcome).unwrap();
        let last: Vec<&str> = r
            .reasons
            .last()
            .unwrap()
            .sources
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            last,
            outcome
                .sources
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
        assert!(r.to_markdown().contains(&outcome.title));
    }
}

#[test]
fn every_outcome_is_reached_by_some_path() {
    let g = guide();
    let paths = all_paths(&g);
    for o in &g.outcomes {
        assert!(
            paths.iter().any(|p| p.outcome == o.id),
            "no path reaches `{}`",
            o.id
        );
    }
}

/// The questions of the DPG Standard's checklist.
const INDICATORS: [&str; 8] = [
    "licence",
    "ownership",
    "independence",
    "docs",
    "extraction",
    "laws",
    "standards",
    "harm",
];

#[test]
fn failing_indicators_are_listed_in_the_report() {
    let g = guide();
    let path = all_paths(&g)
        .into_iter()
        .find(|p| {
            let indicator_nos = p
                .answers
                .iter()
                .filter(|(q, a)| INDICATORS.contains(&q.as_str()) && a == "no");
            p.outcome == "not_dpg_ready" && indicator_nos.count() == 2
        })
        .expect("a path failing indicators");
    let w = walk(&g, &path.to_answers(), &Prefill::default()).unwrap();
    let r = Report::new(&g, &w, None, Vec::new());
    assert_eq!(r.failed_indicators.len(), 2);
    for f in &r.failed_indicators {
        assert!(f.starts_with("indicator "), "{f}");
        assert!(r.reasons.iter().any(|x| x.text.contains(f.as_str())));
        assert!(r.to_markdown().contains(f.as_str()));
    }
}

/// The answers that build a new product with every DPG indicator met.
fn nominate_answers(skip: &[&str]) -> Answers {
    let pairs = [
        ("digital", "yes"),
        ("need", "yes"),
        ("reuse", "no"),
        ("saas", "no"),
        ("sustain", "yes"),
        ("oss_compare", "no"),
        ("secrets", "no"),
        ("pii", "yes"),
        ("impact", "yes"),
        ("licence", "yes"),
        ("ownership", "yes"),
        ("independence", "yes"),
        ("docs", "yes"),
        ("extraction", "yes"),
        ("laws", "yes"),
        ("standards", "yes"),
        ("harm", "yes"),
    ];
    Answers::from_pairs(pairs.into_iter().filter(|(q, _)| !skip.contains(q)))
}

#[test]
fn the_classifier_prefills_what_the_file_leaves_out_and_the_file_wins() {
    let g = guide();
    let mut pre = Prefill::default();
    pre.set(PrefillFact::Digital, "yes", "digital = 2");
    pre.set(PrefillFact::OpenSource, "no", "openness = closed");
    let w = walk(&g, &nominate_answers(&["digital", "licence"]), &pre).unwrap();
    assert_eq!(w.steps[0].origin, Origin::Classifier("digital = 2".into()));
    let licence = w.steps.iter().find(|s| s.node == "licence").unwrap();
    assert_eq!(licence.answer, "no");
    assert_eq!(w.outcome, "not_dpg_ready");
    let r = Report::new(&g, &w, None, Vec::new());
    assert!(r
        .to_markdown()
        .contains("pre-filled from the classifier: digital = 2"));
    // An answer in the file overrides the classifier.
    let w = walk(&g, &nominate_answers(&["digital"]), &pre).unwrap();
    assert_eq!(w.outcome, "nominate_dpg");
    assert_eq!(
        w.steps.iter().find(|s| s.node == "licence").unwrap().origin,
        Origin::AnswersFile
    );
}

#[test]
fn answers_file_errors_name_the_question_and_the_allowed_answers() {
    let g = guide();
    let missing = walk(&g, &nominate_answers(&["docs"]), &Prefill::default())
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("`docs`") && missing.contains("yes, no"),
        "{missing}"
    );
    let bad = Answers::parse("digital = \"maybe\"\n", "a.toml").unwrap();
    let e = walk(&g, &bad, &Prefill::default()).unwrap_err().to_string();
    assert!(
        e.contains("`maybe`") && e.contains("`digital`") && e.contains("yes, no"),
        "{e}"
    );
    let unknown = Answers::parse("digitl = \"yes\"\n", "a.toml").unwrap();
    let e = walk(&g, &unknown, &Prefill::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("a.toml") && e.contains("`digitl`") && e.contains("digital"),
        "{e}"
    );
    let e = Answers::parse("digital = 1\n", "a.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("a.toml") && e.contains("`digital`"), "{e}");
    let e = Answers::parse("digital = \"yes\n", "a.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("a.toml"), "{e}");
}

#[test]
fn numbered_answers_are_accepted() {
    let g = guide();
    let answers = Answers::from_pairs([("digital", "1"), ("need", "2")]);
    assert_eq!(
        walk(&g, &answers, &Prefill::default()).unwrap().outcome,
        "discovery"
    );
    let out_of_range = Answers::from_pairs([("digital", "3")]);
    assert!(walk(&g, &out_of_range, &Prefill::default()).is_err());
}
