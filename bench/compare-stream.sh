#!/usr/bin/env bash
# Compares the server side of StreamDocuments between two builds of the server on one corpus, taking turns:
#   bench/compare-stream.sh OLD_SERVER_DLL NEW_SERVER_DLL DATA_DIRECTORY full|basic [ROUNDS]
# Each round starts each server in turn on DATA_DIRECTORY, pinned to core 0, streams the corpus once to warm it and
# three times measured to a client on core 1 that only frames the messages (DocStream.Bench.Compare), and prints per
# pass the messages per second and the server's CPU microseconds per message, then the medians. A build refuses a
# schema newer than it knows: OLD_PREPARE, if set, is run before each start of the old build (to restore what it
# expects, e.g. sqlite3 "$DB" "DELETE FROM schema_migrations WHERE version = 6" across the #15 renumbering).
set -euo pipefail
cd "$(dirname "$0")/.."
old="$1"; new="$2"; data="$3"; view="$4"; rounds="${5:-4}"
dotnet build bench/DocStream.Bench.Compare -c Release --nologo -v quiet
client=bench/DocStream.Bench.Compare/bin/Release/net10.0/DocStream.Bench.Compare.dll
port=50199
run() { # name dll
  if [ "$1" = old ] && [ -n "${OLD_PREPARE:-}" ]; then bash -c "$OLD_PREPARE"; fi
  taskset -c 0 dotnet "$2" --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$port \
    --Kestrel:Endpoints:Http:Url=http://127.0.0.1:$((port + 1)) --Storage:DataDirectory="$data" \
    --Corpus:ImportSamplesWhenEmpty=false --Logging:LogLevel:Default=Warning > /dev/null 2>&1 &
  local pid=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.5; done
  taskset -c 1 dotnet "$client" http://127.0.0.1:$port "$pid" "$view" 1 > /dev/null
  taskset -c 1 dotnet "$client" http://127.0.0.1:$port "$pid" "$view" 3 | sed "s/^/$1 /"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
passes="$(mktemp)"
trap 'rm -f "$passes"' EXIT
for round in $(seq 1 "$rounds"); do
  # Alternate which build goes first, so that drift hits both alike.
  if [ $((round % 2)) = 1 ]; then run old "$old"; run new "$new"; else run new "$new"; run old "$old"; fi
done > "$passes"
cat "$passes"
awk '{ rate[$1] = rate[$1] " " $7; cpu[$1] = cpu[$1] " " $9 }
  END { for (b in rate) { print b, "msg_per_s", rate[b]; print b, "server_us_per_msg", cpu[b] } }' "$passes" |
  while read -r build metric values; do
    sorted=$(echo "$values" | tr ' ' '\n' | grep . | sort -n | tr '\n' ' ')
    n=$(echo "$sorted" | wc -w)
    median=$(echo "$sorted" | awk -v n="$n" '{ print (n % 2) ? $((n + 1) / 2) : ($(n / 2) + $(n / 2 + 1)) / 2 }')
    echo "$build $metric median $median (min $(echo "$sorted" | awk '{print $1}'), max $(echo "$sorted" | awk '{print $NF}'), $n passes)"
  done
