#!/usr/bin/env bash
# Runs the whole test suite: installs the command-line tools the tests drive (buf), builds everything once,
# then runs every test project and prints one total line.
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
# The lock files list every platform's optional buf binary, so npm ci installs exactly them and leaves the tree as it was.
(cd tools && npm ci --no-audit --no-fund --loglevel=error)
dotnet build DocStream.slnx -c "$configuration" -warnaserror --nologo -v quiet

log="$(mktemp)"
results="$(mktemp -d)"
trap 'rm -rf "$log" "$results"' EXIT
status=0
dotnet test DocStream.slnx -c "$configuration" --no-build --nologo --logger trx --results-directory "$results" 2>&1 | tee "$log" || status=$?

# The console shows little of a fixture's clean-up failure; the TRX files hold every failure's whole message.
if [ "$status" -ne 0 ]; then
  /usr/bin/env python3 - "$results" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in sorted(pathlib.Path(sys.argv[1]).glob("*.trx")):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = result.findtext(".//t:Message", default="", namespaces=ns)
        print(f"::failure {result.get('testName')}\n{message}\n")
PY
fi

# dotnet test prints one "Passed!/Failed!" line per test assembly; add them up. A fixture that fails while
# cleaning up (for example, a server that logged an error) counts as a failure too.
awk '/Cleanup Failure/ { f++ }
     /(Passed|Failed)! +- Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
