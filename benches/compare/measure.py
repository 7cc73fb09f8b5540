"""Runs one command and measures it from outside: wall time and peak resident memory, read
from GNU time's `-v` report (the command's whole process, start-up included)."""

import os
import statistics
import subprocess
import sys
import time

GNU_TIME = "/usr/bin/time"


def run(cmd, env_extra=None, log=None):
    """Runs `cmd`; returns (wall seconds, peak RSS in MB). Exits with the command's stderr
    when it fails."""
    env = {**os.environ, **(env_extra or {})}
    report = log + ".time" if log else "/dev/null"
    started = time.perf_counter()
    proc = subprocess.run([GNU_TIME, "-v", "-o", report, *cmd], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if log:
        with open(log, "w") as f:
            f.write(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    return wall, peak_rss_mb(report) if log else float("nan")


def peak_rss_mb(report):
    with open(report) as f:
        for line in f:
            if "Maximum resident set size" in line:
                return int(line.rsplit(":", 1)[1]) / 1024.0
    return float("nan")


def threads_env(n):
    """Environment that limits every tool to `n` threads."""
    n = str(n)
    return {"RAYON_NUM_THREADS": n, "OMP_NUM_THREADS": n, "OPENBLAS_NUM_THREADS": n,
            "MKL_NUM_THREADS": n}


def median(values):
    values = [v for v in values if v is not None and v == v]
    return statistics.median(values) if values else None
