"""Scores every tool's prediction file with the same code, by the definitions of landscape's
report (src/classify/report.rs, src/model/metrics.rs): per label precision/recall/F1 from
counts (0 when undefined), micro F1 from pooled counts, macro F1 as the plain mean over every
label of the head, including labels with no support.

Heads: digital (1 or 2 against 0), digital_levels (0/1/2), openness (5 classes), pillars (the
pillar heads' own answer, on gold-digital records), pillars_end_to_end (the `pillars` column, on
gold-digital records), sectors (every record).
"""

from tools import PILLARS, SECTORS, read_rows, split_list

OPENNESS = ["open", "closed", "mixed", "unknown", "n/a"]
HEADS = ["digital", "digital_levels", "openness", "pillars", "pillars_end_to_end", "sectors"]


def _f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _report(counts):
    """counts: list of (tp, fp, fn) per label -> (micro F1, macro F1)."""
    tp, fp, fn = (sum(c[k] for c in counts) for k in range(3))
    macro = sum(_f1(*c) for c in counts) / len(counts) if counts else 0.0
    return {"micro_f1": _f1(tp, fp, fn), "macro_f1": macro}


def multilabel(names, truth, pred):
    counts = []
    for n in names:
        tp = sum(1 for t, p in zip(truth, pred) if n in t and n in p)
        fp = sum(1 for t, p in zip(truth, pred) if n not in t and n in p)
        fn = sum(1 for t, p in zip(truth, pred) if n in t and n not in p)
        counts.append((tp, fp, fn))
    return _report(counts)


def multiclass(classes, truth, pred):
    return multilabel(classes, [{t} for t in truth], [{p} for p in pred])


def score(gold_rows, pred_rows):
    """Scores predictions (matched by id) against the gold rows; every gold id must be there."""
    pred = {r["id"]: r for r in pred_rows}
    missing = [g["id"] for g in gold_rows if g["id"] not in pred]
    if missing:
        raise SystemExit(f"{len(missing)} gold ids have no prediction (first: {missing[0]})")
    pairs = [(g, pred[g["id"]]) for g in gold_rows]
    dig = [(g, p) for g, p in pairs if g["digital"] != "0"]
    sets = lambda rows, side, field: [set(split_list(r[side][field])) for r in rows]
    is_dig = lambda v: {"digital"} if v != "0" else set()
    return {
        "digital": multilabel(["digital"], [is_dig(g["digital"]) for g, _ in pairs],
                              [is_dig(p["digital"]) for _, p in pairs]),
        "digital_levels": multiclass(["0", "1", "2"], [g["digital"] for g, _ in pairs],
                                     [p["digital"] for _, p in pairs]),
        "openness": multiclass(OPENNESS, [g["openness"] for g, _ in pairs],
                               [p["openness"] for _, p in pairs]),
        "pillars": multilabel(PILLARS, sets(dig, 0, "pillars"), sets(dig, 1, "pillars_heads")),
        "pillars_end_to_end": multilabel(PILLARS, sets(dig, 0, "pillars"),
                                         sets(dig, 1, "pillars")),
        "sectors": multilabel(SECTORS, sets(pairs, 0, "sectors"), sets(pairs, 1, "sectors")),
        "rows": len(pairs),
    }


def landscape_predictions(path):
    """landscape's `classify` CSV in the common form: pillars_heads from the calibrated pillar
    probabilities (above 0.5, or the most likely pillar when none is)."""
    out = []
    for r in read_rows(path):
        probs = dict(kv.split("=") for kv in r["p_pillars"].split(";") if kv)
        scores = [float(probs.get(n, 0.0)) for n in PILLARS]
        best = [n for n, s in zip(PILLARS, scores) if s > 0.5]
        if not best:
            best = [PILLARS[max(range(len(PILLARS)), key=lambda k: scores[k])]]
        r["pillars_heads"] = ";".join(best)
        out.append(r)
    return out


def score_files(gold_paths, pred_rows):
    gold = [g for p in gold_paths for g in read_rows(p)]
    return score(gold, pred_rows)
