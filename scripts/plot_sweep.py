#!/usr/bin/python3
"""Plot a memory sweep (`zkmsm bench --sweep memory --out rows.jsonl`): peak MiB against median time.

usage: plot_sweep.py ROWS.jsonl [MORE.jsonl ...] [-o OUT.png]

One series per (backend, device, log_n, threads, sweep kind). Forced-pass rows are labelled with their pass
count; budget-ladder rows with c and passes (× point chunks when streamed). Needs matplotlib: Debian's python3-matplotlib, hence /usr/bin/python3 rather than env.
"""
import argparse
import json
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", nargs="+")
    ap.add_argument("-o", "--out", help="PNG to write (default: the first input with .png)")
    args = ap.parse_args()
    out = args.out or args.rows[0].rsplit(".", 1)[0] + ".png"

    series = defaultdict(list)
    for r in load(args.rows):
        key = (r["backend"], r["device"], r["log_n"], r.get("threads", 0), r.get("sweep", "budget"))
        series[key].append(r)

    fig, ax = plt.subplots(figsize=(9, 6))
    for (backend, device, log_n, threads, sweep), rows in sorted(series.items()):
        # Lines follow the trade: more passes (forced), or smaller budgets (ladder; unbounded first).
        rows.sort(key=lambda r: r["window_passes"] if sweep == "passes" else -(r["budget_bytes"] or float("inf")))
        xs = [r["wall_ms_median"] for r in rows]
        ys = [r["peak_bytes_planned"] / 2**20 for r in rows]
        bad = [r for r in rows if not r["cross_ok"]]
        marker, style = ("o", "-") if sweep == "passes" else ("s", "--")
        ax.plot(xs, ys, style, marker=marker, alpha=0.8,
                label=f"2^{log_n:g} {backend}, {threads} threads, {'forced passes' if sweep == 'passes' else 'budget ladder'}")
        for r, x, y in zip(rows, xs, ys):
            text = f"{r['window_passes']}" if sweep == "passes" else f"c{r['c']}/{r['window_passes']}"
            if r.get("point_chunks", 1) > 1:
                text += f"×{r['point_chunks']}"
            ax.annotate(text, (x, y), textcoords="offset points", xytext=(4, 3 if sweep == "passes" else -9),
                        fontsize=7)
        if bad:
            ax.scatter([r["wall_ms_median"] for r in bad], [r["peak_bytes_planned"] / 2**20 for r in bad],
                       marker="x", color="red", s=80, label="oracle mismatch")
    devices = sorted({key[1] for key in series})
    ax.set_title("zkmsm memory sweep: peak vs time (labels: window passes; ladder: c/passes[×point chunks])\n" + "; ".join(devices),
                 fontsize=10)
    ax.set_xscale("log")  # the smallest feasible budgets cost 10-100x the unbounded time
    ax.set_xlabel("median wall time per MSM (ms, log scale)")
    ax.set_ylabel("planned peak (MiB; = measured on the budget ladder)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(out)


if __name__ == "__main__":
    main()
