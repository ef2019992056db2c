#!/usr/bin/env python3
"""CLI checks for the planner: `zkmsm plan`, `zkmsm run` with budgets, and the memory sweep.

usage: cli_plan_test.py ZKMSM {plan|run|sweep}
"""
import json
import os
import subprocess
import sys
import tempfile

ZKMSM = sys.argv[1]
failures = []


def zkmsm(*args):
    p = subprocess.run([ZKMSM, *args], capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def expect(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def check_plan():
    rc, out, err = zkmsm("plan", "--log-n", "20", "--memory-budget", "1MiB")
    expect(rc == 2, f"too-small budget exits 2 (got {rc})")
    expect("smallest feasible peak is" in err and "bytes" in err, f"too-small budget names the minimum: {err!r}")
    expect(out == "", "nothing on stdout on error")

    rc, out, err = zkmsm("plan", "--log-n", "20", "--backend", "cuda", "--device-model", "h100",
                         "--memory-budget", "160MiB", "--json")
    expect(rc == 0, f"h100 plan at 160MiB exits 0 (got {rc}): {err}")
    plan = json.loads(out)
    for key in ("n", "c", "windows", "window_passes", "budget_bytes", "peak_bytes", "regions"):
        expect(key in plan, f"plan JSON has {key}")
    expect(plan["n"] == 1 << 20 and plan["budget_bytes"] == 160 << 20, "plan JSON echoes n and budget")
    expect(plan["peak_bytes"] <= plan["budget_bytes"], "peak fits the budget")
    expect(plan.get("smallest_feasible_bytes", 1 << 62) <= plan["peak_bytes"], "JSON names the smallest feasible peak")
    expect(all({"name", "bytes", "lifetime"} <= r.keys() for r in plan["regions"]), "regions have name, bytes, lifetime")
    expect("region" in err and "peak" in err, "the table goes to stderr")
    rc, out, err = zkmsm("plan", "--log-n", "16")
    expect(rc == 0 and out == "" and "peak" in err, "without --json only the table, on stderr")

    for model in ("cpu", "h100"):
        rc, out, _ = zkmsm("plan", "--log-n", "26", "--device-model", model, "--json")
        expect(rc == 0 and json.loads(out)["n"] == 1 << 26, f"plans 2^26 on {model}")

    for budget in ("1.5GiB", "100000000", "96MiB"):
        rc, out, err = zkmsm("plan", "--n", "2^20", "--memory-budget", budget, "--json")
        expect(rc == 0, f"budget {budget} parses and fits (rc {rc}: {err})")

    rc, out, _ = zkmsm("plan", "--log-n", "16", "--c", "13", "--window-passes", "20", "--json")
    expect(rc == 0 and json.loads(out)["window_passes"] == 20, "forced 20 passes at c = 13 honoured")
    rc, _, err = zkmsm("plan", "--log-n", "16", "--c", "13", "--window-passes", "21")
    expect(rc == 2 and "1..20" in err, f"forced 21 passes at c = 13 refused with the range: {err!r}")
    rc, _, err = zkmsm("plan", "--log-n", "16", "--memory-budget", "lots")
    expect(rc == 2, "unreadable budget exits 2")


def check_run():
    rc, out, _ = zkmsm("plan", "--log-n", "12", "--json")
    unbounded = json.loads(out)
    budget = str(unbounded["peak_bytes"] - 1)
    rc, out, err = zkmsm("run", "--log-n", "12", "--memory-budget", budget, "--check", "--json")
    expect(rc == 0, f"run under a budget checks ok (rc {rc}: {err})")
    row = json.loads(out)
    expect(row["window_passes"] > 1, "a budget below the one-pass peak takes more passes")
    expect(row["peak_bytes_planned"] == row["peak_bytes_measured"] <= int(budget), "run: measured == planned ≤ budget")
    rc, out, err = zkmsm("run", "--log-n", "12", "--window-passes", "3", "--check", "--json")
    expect(rc == 0 and json.loads(out)["window_passes"] == 3, "run honours forced passes")


def check_sweep():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rows.jsonl")
        rc, out, err = zkmsm("bench", "--sweep", "memory", "--log-n", "8", "--repetitions", "1", "--out", path)
        expect(rc == 0, f"sweep exits 0 (rc {rc}: {err[-500:]})")
        rows = [json.loads(line) for line in open(path)]
    keys = ("log_n", "c", "backend", "device", "budget_bytes", "window_passes", "peak_bytes_planned",
            "peak_bytes_measured", "wall_ms_median", "wall_ms_samples", "time_vs_unbounded", "cross_ok")
    expect(len(rows) > 10, f"sweep wrote its rows ({len(rows)})")
    expect(all(all(k in r for k in keys) for r in rows), "every row has every field")
    expect(all(r["cross_ok"] for r in rows), "every row agrees with the oracle")
    expect(all(r["peak_bytes_measured"] == r["peak_bytes_planned"] for r in rows), "measured == planned in every row")
    budgets = [r for r in rows if r["budget_bytes"]]
    expect(all(r["peak_bytes_planned"] <= r["budget_bytes"] for r in budgets), "every budget row fits its budget")
    expect(rows[0]["time_vs_unbounded"] == 1.0, "the first row is the unbounded one")
    passes = sorted(r["window_passes"] for r in rows if r.get("sweep") == "passes")
    expect(passes == list(range(1, len(passes) + 1)), "one row per forced pass count 1..T")


{"plan": check_plan, "run": check_run, "sweep": check_sweep}[sys.argv[2]]()
sys.exit(1 if failures else 0)
