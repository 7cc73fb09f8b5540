"""Turns results/compare.json and results/scale.json into the tables of BENCHMARKS.md (between
its `<!-- results:start -->` and `<!-- results:end -->` markers; the prose around them is kept)
and the plots docs/benchmarks.svg and docs/scale.svg."""

import argparse
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

START, END = "<!-- results:start -->", "<!-- results:end -->"
NAMES = {"landscape": "landscape", "sklearn-lr": "sklearn TF-IDF+LR",
         "sklearn-svc": "sklearn TF-IDF+LinearSVC", "fasttext": "fastText"}
HEADS = [("digital", "digital F1 (1 or 2 against 0)"), ("digital_levels", "digital 0/1/2"),
         ("openness", "openness"), ("pillars", "pillars (heads, gold-digital rows)"),
         ("pillars_end_to_end", "pillars end to end"), ("sectors", "sectors")]


def quality_table(q, key):
    tools = list(q)
    others = [t for t in tools if t != "landscape"]
    rows = [f"| head | average | {' | '.join(NAMES[t] for t in tools)} | landscape − best other |",
            "|---|---|" + "---|" * (len(tools) + 1)]
    for head, label in HEADS:
        for avg in ("micro_f1", "macro_f1"):
            if head == "digital" and avg == "macro_f1":
                continue
            vals = {t: q[t][key][head][avg] for t in tools}
            best = max(vals[t] for t in others)
            cells = [f"**{vals[t]:.3f}**" if vals[t] >= max(vals.values()) else f"{vals[t]:.3f}"
                     for t in tools]
            avg_name = "F1" if head == "digital" else avg.split("_")[0]
            rows.append(f"| {label} | {avg_name} | {' | '.join(cells)} | "
                        f"{vals['landscape'] - best:+.3f} |")
    return "\n".join(rows)


def throughput_table(t):
    rows = ["| tool | threads | records/s | seconds | peak memory (MB) | landscape ÷ tool |",
            "|---|---|---|---|---|---|"]
    for threads, by_tool in t["summary"].items():
        for tool, s in by_tool.items():
            ratio = "" if tool == "landscape" else f"{s['median_ratio']:.1f}×"
            rows.append(f"| {NAMES[tool]} | {threads} | {s['median_rps']:,.0f} | "
                        f"{s['median_seconds']:.2f} | {s['median_peak_mb']:.0f} | {ratio} |")
    return "\n".join(rows)


def training_table(q):
    rows = ["| tool | training rows | wall time (s) | peak memory (MB) |", "|---|---|---|---|"]
    for tool, r in q.items():
        tr = r["training"]
        fit = tr["median_final_fit"]
        extra = f" (final fit {fit:.1f} s)" if fit is not None and fit == fit else ""
        rows.append(f"| {NAMES[tool]} | {tr['rows']:,} | {tr['median_seconds']:.1f}{extra} | "
                    f"{tr['median_peak_mb']:.0f} |")
    return "\n".join(rows)


def scale_table(s):
    rows = ["| records | input (MB) | classify (s) | classify records/s | classify peak (MB) | "
            "ingest (s) | ingest records/s | ingest peak (MB) | catalogue (MB) |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in s["sizes"]:
        c, i = r["classify"], r["ingest"]
        rows.append(f"| {r['records']:,} | {r['input_mb']:.0f} | {c['seconds']:.1f} | "
                    f"{c['rps']:,.0f} | {c['peak_mb']:.0f} | {i['seconds']:.1f} | "
                    f"{i['rps']:,.0f} | {i['peak_mb']:.0f} | {r['catalogue_mb']:.0f} |")
    return "\n".join(rows)


def eval_check(c):
    lines = []
    for head, want in c["landscape_eval"].items():
        got = c["score_py"][head]
        for avg in ("micro_f1", "macro_f1"):
            if abs(want[avg] - got[avg]) > 5e-4:
                lines.append(f"{head} {avg}: eval {want[avg]:.3f}, score.py {got[avg]:.3f}")
    if not lines:
        return ("Check: score.py reproduces `landscape eval --json` on the cross-source split "
                "for every head (to 0.0005).")
    return ("Check against `landscape eval --json` on the cross-source split: equal on every "
            "head except " + "; ".join(lines) + ". (\"pillars (heads)\" may differ slightly: "
            "score.py reads landscape's calibrated pillar probabilities from the classify output, "
            "p > 0.5, where eval uses the raw scores, > 0.)")


def results_md(cmp, scale):
    m = cmp["machine"]
    q, t = cmp["quality"], cmp["throughput"]
    parts = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; "
             f"Python {m['python']}, scikit-learn {m['scikit-learn']}, numpy {m['numpy']}, "
             f"fastText {m['fasttext']}; landscape at commit {m['landscape']}"
             + (" (**quick run**: one fold, one round)" if cmp.get("quick") else "") + ".",
             "### Quality: " + ("fold 0 of 5 only (quick run)" if cmp.get("quick") else
                                "5-fold cross-validation on gold.csv (out-of-fold predictions "
                                "pooled)"),
             quality_table(q, "cv")]
    if all("cross_source" in q[x] for x in q):
        parts += ["### Quality: cross-source (train on World Bank + AidData gold rows, "
                  "test on the 1,140 UNDP rows)", quality_table(q, "cross_source")]
    parts += [eval_check(cmp["eval_check"]),
              f"### Classification throughput, end to end from one CSV file of "
              f"{t['records']:,} records (median of {len(t['runs']) // 2} rounds)",
              throughput_table(t),
              "### Training (one fold's training rows; median over the folds)",
              training_table(q)]
    if scale:
        parts += ["### Scale: classify and ingest (shipped model, 2 threads)", scale_table(scale)]
    parts.append("![throughput and F1 per tool](docs/benchmarks.svg)")
    if scale:
        parts.append("![scale](docs/scale.svg)")
    return "\n\n".join(parts)


def plot_compare(cmp, path):
    q, t = cmp["quality"], cmp["throughput"]["summary"]
    tools = list(q)
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5))
    for k, threads in enumerate(("1", "2")):
        xs = [i + (k - 0.5) * 0.38 for i in range(len(tools))]
        a.bar(xs, [t[threads][x]["median_rps"] for x in tools], 0.38, label=f"{threads} thread(s)")
    a.set_yscale("log")
    a.set_xticks(range(len(tools)), [NAMES[x].replace(" ", "\n", 1) for x in tools], fontsize=8)
    a.set_ylabel("records/s (log scale)")
    a.set_title("Classification throughput, end to end from CSV")
    a.legend()
    heads = [("digital", "micro_f1", "digital"), ("pillars", "micro_f1", "pillars µ"),
             ("sectors", "micro_f1", "sectors µ"), ("sectors", "macro_f1", "sectors M"),
             ("digital_levels", "macro_f1", "levels M")]
    w = 0.8 / len(tools)
    for k, x in enumerate(tools):
        xs = [i + (k - (len(tools) - 1) / 2) * w for i in range(len(heads))]
        b.bar(xs, [q[x]["cv"][h][avg] for h, avg, _ in heads], w, label=NAMES[x])
    b.set_xticks(range(len(heads)), [n for _, _, n in heads])
    b.set_ylim(0, 1.2)
    b.set_ylabel("F1 (5-fold CV; µ micro, M macro)")
    b.set_title("Quality on gold.csv")
    b.legend(fontsize=8, loc="upper center", ncol=2)
    fig.tight_layout()
    fig.savefig(path)


def plot_scale(scale, path):
    sizes = [r["records"] for r in scale["sizes"]]
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4))
    for step in ("classify", "ingest"):
        a.plot(sizes, [r[step]["rps"] for r in scale["sizes"]], "o-", label=step)
        b.plot(sizes, [r[step]["peak_mb"] for r in scale["sizes"]], "o-", label=step)
    for ax, title in ((a, "records/s"), (b, "peak memory (MB)")):
        ax.set_xscale("log")
        ax.set_xlabel("records")
        ax.set_title(title)
        ax.set_ylim(bottom=0)
        ax.legend()
    b.axhline(1024, color="grey", linestyle="--", linewidth=0.8, label="1 GB")
    b.set_ylim(0, max(1100, *(r["ingest"]["peak_mb"] * 1.1 for r in scale["sizes"])))
    b.legend()
    fig.tight_layout()
    fig.savefig(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--benchmarks", required=True)
    ap.add_argument("--docs", required=True)
    a = ap.parse_args()
    cmp = json.load(open(os.path.join(a.results, "compare.json")))
    scale_path = os.path.join(a.results, "scale.json")
    scale = json.load(open(scale_path)) if os.path.exists(scale_path) else None
    os.makedirs(a.docs, exist_ok=True)
    plot_compare(cmp, os.path.join(a.docs, "benchmarks.svg"))
    if scale:
        plot_scale(scale, os.path.join(a.docs, "scale.svg"))
    text = open(a.benchmarks).read() if os.path.exists(a.benchmarks) else f"{START}\n{END}\n"
    if START not in text or END not in text:
        raise SystemExit(f"{a.benchmarks}: no {START} ... {END} markers")
    head, rest = text.split(START, 1)
    text = head + START + "\n" + results_md(cmp, scale) + "\n" + END + rest.split(END, 1)[1]
    with open(a.benchmarks + ".tmp", "w") as f:
        f.write(text)
    os.replace(a.benchmarks + ".tmp", a.benchmarks)
    print(f"wrote {a.benchmarks} and the plots in {a.docs}")


if __name__ == "__main__":
    main()
