"""The tools landscape is compared with: scikit-learn and fastText, trained and run as a user
would, each as its own process so that wall time and peak memory can be measured from outside.

    python tools.py train   TOOL --train TRAIN.csv --model DIR
    python tools.py predict TOOL --model DIR --input FILE.csv --out PRED.csv

TOOL is sklearn-lr, sklearn-svc or fasttext. TRAIN.csv has landscape's split columns
(id,digital,openness,pillars,sectors,text); the input of `predict` needs id and text. The
prediction file has id,digital,openness,pillars,sectors,pillars_heads, where pillars_heads is
the pillar heads' own answer (positive heads, or the best one when none is), whatever `digital`
says, so pillars can be scored on the gold-digital records as landscape's report does.
"""

import argparse
import csv
import os
import pickle
import sys

PILLARS = ["people", "connectivity", "government", "regulation", "economy", "dpi"]
SECTORS = ["healthcare", "climate_energy", "environment", "crisis_resilience",
           "digital_finance", "smart_cities"]
OUT_COLUMNS = ["id", "digital", "openness", "pillars", "sectors", "pillars_heads"]

csv.field_size_limit(sys.maxsize)


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def split_list(cell):
    return [v for v in cell.split(";") if v]


def write_predictions(path, ids, digital, openness, pillar_sets, sectors):
    """Writes the common prediction file; labels follow LABELS.md's consistency rules."""
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(OUT_COLUMNS)
        for i, rid in enumerate(ids):
            d = int(digital[i])
            heads = ";".join(pillar_sets[i])
            w.writerow([rid, d, openness[i] if d else "n/a", heads if d else "",
                        ";".join(sectors[i]), heads])
    os.replace(tmp, path)


def heads_answer(scores, names, threshold):
    """Positive heads, or the best one when none is positive."""
    chosen = [n for n, s in zip(names, scores) if s > threshold]
    if not chosen:
        chosen = [names[max(range(len(names)), key=lambda k: scores[k])]]
    return chosen


# ---------------------------------------------------------------- scikit-learn

def sk_estimator(kind):
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC
    if kind == "sklearn-lr":
        return LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
    return LinearSVC(C=1.0, class_weight="balanced")


def sk_train(kind, rows, model_dir):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=200_000)
    x = vec.fit_transform([r["text"] for r in rows])
    dig_idx = [i for i, r in enumerate(rows) if r["digital"] != "0"]
    models = {"vec": vec, "kind": kind}
    # As landscape's heads: digital (1 or 2 against 0), then principal (2 against 1).
    models["digital"] = sk_estimator(kind).fit(x, [r["digital"] != "0" for r in rows])
    models["principal"] = sk_estimator(kind).fit(x[dig_idx],
                                                 [rows[i]["digital"] == "2" for i in dig_idx])
    open_y = [rows[i]["openness"] for i in dig_idx]
    models["openness"] = (sk_estimator(kind).fit(x[dig_idx], open_y)
                          if len(set(open_y)) > 1 else open_y[0])
    mlb_p = MultiLabelBinarizer(classes=PILLARS)
    yp = mlb_p.fit_transform([split_list(rows[i]["pillars"]) for i in dig_idx])
    models["pillars"] = OneVsRestClassifier(sk_estimator(kind)).fit(x[dig_idx], yp)
    mlb_s = MultiLabelBinarizer(classes=SECTORS)
    ys = mlb_s.fit_transform([split_list(r["sectors"]) for r in rows])
    models["sectors"] = OneVsRestClassifier(sk_estimator(kind)).fit(x, ys)
    os.makedirs(model_dir, exist_ok=True)
    with open(os.path.join(model_dir, "model.pkl"), "wb") as f:
        pickle.dump(models, f)


def sk_scores(model, x):
    """Per-head scores and the threshold that means yes (0.5 for probabilities)."""
    if hasattr(model, "predict_proba"):
        return model.predict_proba(x), 0.5
    return model.decision_function(x), 0.0


def sk_predict(model_dir, rows, out):
    with open(os.path.join(model_dir, "model.pkl"), "rb") as f:
        m = pickle.load(f)
    x = m["vec"].transform([r["text"] for r in rows])
    digital = [0 if not d else 2 if p else 1
               for d, p in zip(m["digital"].predict(x), m["principal"].predict(x))]
    openness = (m["openness"].predict(x) if not isinstance(m["openness"], str)
                else [m["openness"]] * len(rows))
    openness = ["unknown" if o == "n/a" else o for o in openness]
    ps, pt = sk_scores(m["pillars"], x)
    ss, st = sk_scores(m["sectors"], x)
    pillar_sets = [heads_answer(s, PILLARS, pt) for s in ps]
    sectors = [[n for n, v in zip(SECTORS, s) if v > st] for s in ss]
    write_predictions(out, [r["id"] for r in rows], digital, openness, pillar_sets, sectors)


# ---------------------------------------------------------------- fastText

FT_PARAMS = dict(lr=0.5, epoch=25, wordNgrams=2, dim=50, minCount=1, bucket=200_000, thread=2,
                 seed=42, verbose=0)


def ft_line(text):
    return " ".join(text.split())


def ft_fit(path, lines, **extra):
    import fasttext
    with open(path + ".txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    model = fasttext.train_supervised(input=path + ".txt", **{**FT_PARAMS, **extra})
    model.save_model(path + ".bin")
    os.remove(path + ".txt")


def ft_train(rows, model_dir):
    os.makedirs(model_dir, exist_ok=True)
    p = lambda name: os.path.join(model_dir, name)
    dig = [r for r in rows if r["digital"] != "0"]
    is_dig = lambda r: "yes" if r["digital"] != "0" else "no"
    ft_fit(p("digital"), [f"__label__{is_dig(r)} {ft_line(r['text'])}" for r in rows])
    ft_fit(p("principal"), [f"__label__{r['digital']} {ft_line(r['text'])}" for r in dig])
    ft_fit(p("openness"), [f"__label__{r['openness']} {ft_line(r['text'])}" for r in dig])

    def multi(r, field):
        labels = split_list(r[field]) or ["none"]
        return " ".join(f"__label__{v}" for v in labels) + " " + ft_line(r["text"])
    ft_fit(p("pillars"), [multi(r, "pillars") for r in dig], loss="ova")
    ft_fit(p("sectors"), [multi(r, "sectors") for r in rows], loss="ova")


def ft_labels(model, texts, k):
    labels, probs = model.predict(texts, k=k, threshold=0.0)
    return [{l[len("__label__"):]: p for l, p in zip(ls, ps)} for ls, ps in zip(labels, probs)]


def ft_predict(model_dir, rows, out):
    import fasttext
    load = lambda n: fasttext.load_model(os.path.join(model_dir, n + ".bin"))
    texts = [ft_line(r["text"]) for r in rows]
    top = lambda name: [max(d, key=d.get) for d in ft_labels(load(name), texts, 1)]
    digital = [0 if d == "no" else int(p) for d, p in zip(top("digital"), top("principal"))]
    openness = top("openness")
    openness = ["unknown" if o == "n/a" else o for o in openness]
    pil = ft_labels(load("pillars"), texts, -1)
    pillar_sets = [heads_answer([d.get(n, 0.0) for n in PILLARS], PILLARS, 0.5) for d in pil]
    sec = ft_labels(load("sectors"), texts, -1)
    sectors = [[n for n in SECTORS if d.get(n, 0.0) > 0.5] for d in sec]
    write_predictions(out, [r["id"] for r in rows], digital, openness, pillar_sets, sectors)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["train", "predict"])
    ap.add_argument("tool", choices=["sklearn-lr", "sklearn-svc", "fasttext"])
    ap.add_argument("--train")
    ap.add_argument("--model", required=True)
    ap.add_argument("--input")
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.action == "train":
        rows = read_rows(a.train)
        ft_train(rows, a.model) if a.tool == "fasttext" else sk_train(a.tool, rows, a.model)
    else:
        rows = read_rows(a.input)
        predict = ft_predict if a.tool == "fasttext" else sk_predict
        predict(a.model, rows, a.out)


if __name__ == "__main__":
    main()
