"""The end-to-end comparison (run through ./benches/compare/run): on the splits written by
`landscape split`, trains and evaluates landscape, scikit-learn (TF-IDF 1-2-grams + logistic
regression, + linear SVM) and fastText; then measures classification throughput end to end from
one CSV file of the 24,889 UNDP 2014 and World Bank corpus records, with 1 and 2 threads.
Writes results/compare.json; report.py turns it into BENCHMARKS.md tables and the plot.
"""

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys

import measure
import score
from tools import read_rows

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = ["landscape", "sklearn-lr", "sklearn-svc", "fasttext"]


class Ctx:
    def __init__(self, a):
        self.bin, self.data, self.work = a.landscape, a.data, a.work
        self.python = sys.executable

    def train_cmd(self, tool, train_csv, model):
        if tool == "landscape":
            # `--examples` with no file: every tool trains on the same labelled rows.
            return [self.bin, "train", "--gold", train_csv, "--examples", "--data", self.data,
                    "--out", model]
        return [self.python, os.path.join(HERE, "tools.py"), "train", tool, "--train",
                train_csv, "--model", model]

    def predict_cmd(self, tool, model, input_csv, out):
        if tool == "landscape":
            return [self.bin, "classify", input_csv, "--model", model, "--out", out]
        return [self.python, os.path.join(HERE, "tools.py"), "predict", tool, "--model", model,
                "--input", input_csv, "--out", out]


def predictions(tool, path):
    return score.landscape_predictions(path) if tool == "landscape" else read_rows(path)


def final_fit_seconds(log):
    """landscape train's own step times: seconds from 'fitting the final model' to 'wrote'."""
    steps = {m[1].strip(): float(m[0]) for m in re.findall(r"\[\s*([\d.]+)s\] (\w[\w ]*)",
                                                            open(log).read())}
    if "wrote" not in steps or "fitting the final model" not in steps:
        return None
    return steps["wrote"] - steps["fitting the final model"]


def quality(ctx, splits):
    """Trains and tests every tool on every split; returns scores and training costs."""
    preds = {t: {} for t in TOOLS}
    train = {t: [] for t in TOOLS}
    for split in splits:
        d = os.path.join(ctx.work, "splits", split)
        for tool in TOOLS:
            model = os.path.join(ctx.work, "models", split, tool)
            log = os.path.join(ctx.work, "logs", f"train-{split}-{tool}.log")
            wall, rss = measure.run(ctx.train_cmd(tool, d + "/train.csv", model),
                                    measure.threads_env(2), log)
            fit = final_fit_seconds(log) if tool == "landscape" else None
            train[tool].append({"split": split, "seconds": wall, "peak_mb": rss, "final_fit": fit})
            out = os.path.join(ctx.work, "preds", f"{split}-{tool}.csv")
            measure.run(ctx.predict_cmd(tool, model, d + "/test.csv", out), None, out + ".log")
            preds[tool][split] = predictions(tool, out)
            print(f"  {split:<13} {tool:<12} trained in {wall:6.1f} s, {rss:6.0f} MB", flush=True)
    folds = [s for s in splits if s.startswith("fold-")]
    gold_paths = [os.path.join(ctx.work, "splits", s, "test.csv") for s in folds]
    out = {}
    for tool in TOOLS:
        out[tool] = {"cv": score.score_files(gold_paths, [r for s in folds
                                                          for r in preds[tool][s]])}
        if "cross-source" in splits:
            cs = os.path.join(ctx.work, "splits", "cross-source", "test.csv")
            out[tool]["cross_source"] = score.score_files([cs], preds[tool]["cross-source"])
        runs = [r for r in train[tool] if r["split"] in folds] or train[tool]
        out[tool]["training"] = {
            "runs": train[tool],
            "median_seconds": measure.median([r["seconds"] for r in runs]),
            "median_peak_mb": measure.median([r["peak_mb"] for r in runs]),
            "median_final_fit": measure.median([r["final_fit"] for r in runs]),
            "rows": len(read_rows(os.path.join(ctx.work, "splits", runs[0]["split"],
                                               "train.csv"))),
        }
    return out


def eval_check(ctx, split):
    """landscape's own `eval --json` on a split, to check that score.py agrees with it."""
    d = os.path.join(ctx.work, "splits", split)
    model = os.path.join(ctx.work, "models", split, "landscape")
    proc = subprocess.run([ctx.bin, "eval", "--gold", d + "/test.csv", "--model", model,
                           "--data", ctx.data, "--json"], capture_output=True, text=True,
                          check=True)
    heads = json.loads(proc.stdout)["heads"]
    return {h: {"micro_f1": heads[h]["micro"]["f1"], "macro_f1": heads[h]["macro_avg"]["f1"]}
            for h in score.HEADS}


def corpus_csv(ctx):
    """The 24,889 UNDP 2014 and World Bank records as id,text, the text as landscape reads it."""
    path = os.path.join(ctx.work, "corpus.csv")
    if os.path.exists(path):
        return path, sum(1 for _ in read_rows(path))
    jsonl = os.path.join(ctx.work, "corpus.jsonl")
    files = [os.path.join(ctx.data, "corpora", f) for f in
             ("undp_open_projects_2014.csv", "worldbank_projects_2025.csv")]
    measure.run([ctx.bin, "read", *files, "--out", jsonl, "--rejects", jsonl + ".rejects"],
                None, jsonl + ".log")
    n = 0
    with open(jsonl, encoding="utf-8") as f, open(path + ".tmp", "w", newline="",
                                                   encoding="utf-8") as o:
        w = csv.writer(o)
        w.writerow(["id", "text"])
        for line in f:
            r = json.loads(line)
            if "text" in r and "id" in r:
                w.writerow([f"{r.get('source', 'x')}-{r['id']}", r["text"]])
                n += 1
    os.replace(path + ".tmp", path)
    os.remove(jsonl)
    return path, n


def throughput(ctx, model_split, reps):
    """Records/s of each tool on corpus.csv, 1 and 2 threads, `reps` interleaved rounds, with
    landscape/other ratios computed within each round."""
    path, n = corpus_csv(ctx)
    runs = []
    for rep in range(reps):
        for threads in (1, 2):
            rnd = {}
            for tool in TOOLS:
                model = os.path.join(ctx.work, "models", model_split, tool)
                out = os.path.join(ctx.work, f"classify-{tool}.csv")
                wall, rss = measure.run(ctx.predict_cmd(tool, model, path, out),
                                        measure.threads_env(threads), out + ".log")
                rnd[tool] = {"seconds": wall, "peak_mb": rss, "rps": n / wall}
                os.remove(out)
            print(f"  round {rep + 1} threads {threads}: " + ", ".join(
                f"{t} {r['rps']:,.0f}/s" for t, r in rnd.items()), flush=True)
            runs.append({"rep": rep, "threads": threads, "tools": rnd})
    return {"records": n, "model_split": model_split, "runs": runs,
            "summary": summarise(runs)}


def summarise(runs):
    out = {}
    for threads in (1, 2):
        sel = [r["tools"] for r in runs if r["threads"] == threads]
        out[str(threads)] = {t: {
            "median_rps": measure.median([r[t]["rps"] for r in sel]),
            "median_seconds": measure.median([r[t]["seconds"] for r in sel]),
            "median_peak_mb": measure.median([r[t]["peak_mb"] for r in sel]),
            "median_ratio": measure.median([r["landscape"]["rps"] / r[t]["rps"] for r in sel]),
        } for t in TOOLS}
    return out


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    import fasttext  # noqa: F401  (only its presence is recorded)
    import numpy
    import sklearn
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1),
            "os": platform.platform(), "python": platform.python_version(),
            "scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
            "fasttext": "0.9.3",
            "landscape": subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True, cwd=HERE).stdout.strip()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--landscape", required=True, help="the landscape binary")
    ap.add_argument("--data", required=True, help="the shared data directory")
    ap.add_argument("--work", required=True, help="scratch directory holding splits/")
    ap.add_argument("--out", required=True, help="results JSON to write")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="one fold and one round only")
    a = ap.parse_args()
    ctx = Ctx(a)
    for sub in ("models", "preds", "logs"):
        os.makedirs(os.path.join(ctx.work, sub), exist_ok=True)
    splits = sorted(s for s in os.listdir(os.path.join(ctx.work, "splits")))
    if a.quick:
        splits = ["fold-0", "cross-source"]
    print(f"quality on {', '.join(splits)}", flush=True)
    results = {"machine": machine(), "quick": a.quick, "quality": quality(ctx, splits)}
    results["eval_check"] = {"split": "cross-source", "landscape_eval": eval_check(
        ctx, "cross-source"), "score_py": results["quality"]["landscape"]["cross_source"]}
    print("throughput", flush=True)
    results["throughput"] = throughput(ctx, "fold-0", 1 if a.quick else a.reps)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(results, f, indent=1)
    os.replace(tmp, a.out)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
