#!/usr/bin/env bash
# Plots StreamDocuments throughput against corpus size into bench/throughput.png, from results/stream.jsonl and
# results/postgres.jsonl: for each variant and size, the median of the last recorded run. With a commit as
# argument, the gRPC line of that commit's runs is drawn too, dashed (e.g. the numbers before an optimisation).
# Then plots the server's peak memory against corpus size into bench/memory.png, from results/memory.jsonl.
# PLOT_SINCE=YYYY-MM-DD leaves out records from before that day (e.g. runs on another machine).
#   [PLOT_SINCE=DATE] bench/plot.sh [BEFORE_COMMIT]
set -euo pipefail
cd "$(dirname "$0")"
command -v gnuplot >/dev/null || { echo "gnuplot is missing: apt-get install -y gnuplot-nox" >&2; exit 1; }

data="$(mktemp)"
trap 'rm -f "$data"' EXIT
python3 - "${1:-}" > "$data" <<'PY'
import json, os, sys
before = sys.argv[1]
since = os.environ.get("PLOT_SINCE", "")
series = {("stream", "grpc"): "gRPC StreamDocuments (SQLite)", ("postgres", "grpc-postgres"): "gRPC StreamDocuments (PostgreSQL)",
          ("stream", "raw-h2"): "raw HTTP/2, same bytes (transport limit)", ("stream", "storage"): "store read, no gRPC (storage limit)",
          ("stream", "json-http1"): "JSON over HTTP/1.1 (REST-like)"}
latest, old = {}, {}
for scenario in ("stream", "postgres"):
    try:
        lines = open(f"results/{scenario}.jsonl", encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        continue
    for record in map(json.loads, lines):
        key = (scenario, record["variant"])
        if record["metric"] != "docs_per_s" or key not in series or record["time"] < since:
            continue
        size = record["size"]
        if before and record["commit"].startswith(before):
            old[(key, size)] = record["median"]
        else:
            latest[(key, size)] = record["median"]
sizes = sorted({size for (_, size) in latest}, key=lambda s: float(s.lower().replace("k", "e3").replace("m", "e6")))
names = list(series.values()) + ([f"gRPC StreamDocuments (SQLite) at {before}"] if before else [])
print("size " + " ".join(f'"{name}"' for name in names))
for size in sizes:
    values = [latest.get((key, size)) for key in series] + ([old.get((("stream", "grpc"), size))] if before else [])
    print(f"{size.lower().replace('k', '000').replace('m', '000000')} " + " ".join("NaN" if v is None else f"{v:.1f}" for v in values))
PY

series=5
largest="$(awk 'NR > 1 { if ($1 > max) max = $1 } END { print max }' "$data")"
plot="plot for [i=2:$((series + 1))] \"$data\" using 1:i title columnhead(i) with linespoints lw 2 pt 7"
if [ -n "${1:-}" ]; then
  plot="$plot, \"$data\" using 1:$((series + 2)) title columnhead($((series + 2))) with linespoints lw 2 pt 6 dt 2 lc rgb \"gray40\""
fi
gnuplot <<GP
set terminal pngcairo size 1200,560 font "DejaVu Sans,10"
set output "throughput.png"
set title "StreamDocuments throughput vs corpus size (2 cores: server on core 0, client on core 1)"
set xlabel "corpus size (documents)"
set ylabel "documents per second (log scale)"
set logscale xy
set xrange [5000:$((largest * 2))]
set format x "%.0s%c"
set key outside right top vertical
set grid
$plot
GP
echo "wrote $(pwd)/throughput.png"

# Server memory against corpus size, from results/memory.jsonl: the last record of each size.
python3 - > "$data" <<'PY'
import json, os
since = os.environ.get("PLOT_SINCE", "")
series = {"server-idle": "idle", "fast-client": "fast client, peak", "slow-client": "slow client (200 docs/s), peak"}
latest = {}
for record in map(json.loads, open("results/memory.jsonl", encoding="utf-8").read().splitlines()):
    if record["metric"] == "peak_rss_mib" and record["variant"] in series and record["time"] >= since:
        latest[(record["variant"], record["size"])] = record["median"]
sizes = sorted({size for (_, size) in latest}, key=lambda s: float(s.lower().replace("k", "e3").replace("m", "e6")))
print("size " + " ".join(f'"{name}"' for name in series.values()))
for size in sizes:
    print(f"{size.lower().replace('k', '000').replace('m', '000000')} " + " ".join(
        "NaN" if latest.get((variant, size)) is None else f"{latest[(variant, size)]:.1f}" for variant in series))
PY
largest="$(awk 'NR > 1 { if ($1 > max) max = $1 } END { print max }' "$data")"
gnuplot <<GP
set terminal pngcairo size 1200,480 font "DejaVu Sans,10"
set output "memory.png"
set title "DocStream server peak RSS while streaming the whole corpus (VmHWM)"
set xlabel "corpus size (documents)"
set ylabel "MiB"
set logscale x
set xrange [5000:$((largest * 2))]
set yrange [0:*]
set format x "%.0s%c"
set key outside right top vertical
set grid
plot for [i=2:4] "$data" using 1:i title columnhead(i) with linespoints lw 2 pt 7
GP
echo "wrote $(pwd)/memory.png"
