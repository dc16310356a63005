#!/usr/bin/env bash
# Runs one benchmark scenario: builds Release, then runs the driver on core 1; the driver pins every server it
# starts (DocStream, the baseline host, PostgreSQL) to core 0. See bench/README.md.
#   bench/run.sh stream|unary|ingest|postgres|memory|startup|search|watch|stories|generate [SIZE] [--runs N] [--seconds S] [--raw-from SIZE]
#   bench/run.sh watch [SIZE] [--runs N] [--seconds S] [--only catchup|idle|latency]
#   bench/run.sh ingest [SIZE] [--runs N] [--only sqlite|sqlite-two-cores|postgres|sqlite-grouping]
#   bench/run.sh stories [SIZE] [--runs N] [--only sqlite|postgres]
#   bench/run.sh micro [BenchmarkDotNet arguments, default --filter '*']
set -euo pipefail
cd "$(dirname "$0")/.."

scenario="${1:?usage: bench/run.sh stream|unary|ingest|postgres|memory|startup|search|watch|stories|generate|micro [SIZE] [--runs N] [--seconds S]}"
shift
commit="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- src || commit="$commit-dirty"
export BENCH_COMMIT="$commit"
echo "commit $BENCH_COMMIT; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$scenario" = micro ]; then
  dotnet build bench/DocStream.Bench.Micro -c Release --nologo -v quiet
  [ "$#" -gt 0 ] || set -- --filter '*'
  export BENCH_ARTIFACTS="$PWD/bench"
  rm -rf bench/BenchmarkDotNet.Artifacts
  taskset -c 1 dotnet bench/DocStream.Bench.Micro/bin/Release/net10.0/DocStream.Bench.Micro.dll "$@"
  mkdir -p bench/results
  for report in bench/BenchmarkDotNet.Artifacts/results/*-report-github.md bench/BenchmarkDotNet.Artifacts/results/*-report.csv; do
    cp "$report" "bench/results/micro-$(basename "$report")"
  done
  exit 0
fi

dotnet build bench/DocStream.Bench -c Release --nologo -v quiet
# The driver is the client of every scenario. Its runtime's default gen0 budget (at most 6 MiB with concurrent
# workstation GC) made the decoding client spend a third of its time on page faults and zeroing fresh memory; see
# RESULTS.md, "the client's gen0 budget". BENCH_CLIENT_GEN0SIZE=0 keeps the runtime default.
client_gen0="${BENCH_CLIENT_GEN0SIZE:-0x2000000}"
if [ "$client_gen0" = 0 ]; then
  echo "client gen0 budget: runtime default"
else
  echo "client gen0 budget: $client_gen0"
  export DOTNET_GCgen0size="$client_gen0"
fi
taskset -c 1 dotnet bench/DocStream.Bench/bin/Release/net10.0/DocStream.Bench.dll "$scenario" "$@"
