"""The scale test: 10k, 100k and 1M records built by repeating and shuffling the real corpora
(UNDP 2014, World Bank, AidData) with fresh ids (seeded), each classified to a CSV file by
`landscape classify` and ingested into a fresh catalogue by `landscape ingest`, with the shipped
model; wall time, records/s and peak memory at each size. Big files are deleted after use.
"""

import argparse
import csv
import json
import os
import random
import shutil

import measure

CORPORA = ["undp_open_projects_2014.csv", "worldbank_projects_2025.csv",
           "aiddata_sdg_iati_activities.csv"]
FIELDS = ["title", "description", "text", "country_code", "year"]


def base_records(bin_, data, work):
    """The corpora's records, normalised by `landscape read`."""
    jsonl = os.path.join(work, "base.jsonl")
    measure.run([bin_, "read", *(os.path.join(data, "corpora", c) for c in CORPORA),
                 "--out", jsonl, "--rejects", jsonl + ".rejects"], None, jsonl + ".log")
    with open(jsonl, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    os.remove(jsonl)
    return [[r.get(k) if r.get(k) is not None else "" for k in FIELDS] for r in records
            if r.get("text")]


def build(records, n, path, seed=42):
    """Writes `n` records: the corpora repeated, shuffled, with fresh ids."""
    order = [i % len(records) for i in range(n)]
    random.Random(seed).shuffle(order)
    with open(path + ".tmp", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", *FIELDS])
        for k, i in enumerate(order):
            w.writerow([f"s{k:07d}", *records[i]])
    os.replace(path + ".tmp", path)


def measure_size(bin_, records, n, work):
    data = os.path.join(work, f"scale-{n}.csv")
    build(records, n, data)
    size_mb = os.path.getsize(data) / 1e6
    out = os.path.join(work, "labels.csv")
    c_wall, c_rss = measure.run([bin_, "classify", data, "--out", out], None, out + ".log")
    os.remove(out)
    cat = os.path.join(work, "catalogue")
    i_wall, i_rss = measure.run([bin_, "ingest", data, "--catalogue", cat], None,
                                cat + ".log")
    cat_mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(cat)
                 for f in fs) / 1e6
    shutil.rmtree(cat)
    os.remove(data)
    row = {"records": n, "input_mb": size_mb, "catalogue_mb": cat_mb,
           "classify": {"seconds": c_wall, "rps": n / c_wall, "peak_mb": c_rss},
           "ingest": {"seconds": i_wall, "rps": n / i_wall, "peak_mb": i_rss}}
    print(f"  {n:>9,} records: classify {n / c_wall:,.0f}/s {c_rss:.0f} MB, "
          f"ingest {n / i_wall:,.0f}/s {i_rss:.0f} MB", flush=True)
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--landscape", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quick", action="store_true", help="10k and 100k only")
    ap.add_argument("--sizes", help="comma-separated record counts (default 10k, 100k, 1M)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    records = base_records(a.landscape, a.data, a.work)
    sizes = [10_000, 100_000] if a.quick else [10_000, 100_000, 1_000_000]
    if a.sizes:
        sizes = [int(n) for n in a.sizes.split(",")]
    rows = [measure_size(a.landscape, records, n, a.work) for n in sizes]
    result = {"base_records": len(records), "model": "models/default", "sizes": rows,
              "quick": a.quick}
    with open(a.out + ".tmp", "w") as f:
        json.dump(result, f, indent=1)
    os.replace(a.out + ".tmp", a.out)
    shutil.rmtree(a.work)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
