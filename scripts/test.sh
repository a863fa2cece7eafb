#!/usr/bin/env bash
# Runs every test of the solution. Starts what the tests need; stops it again on exit.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
export QF_PG_DIR=${QF_PG_DIR:-$(mktemp -d /tmp/qf-pg.XXXXXX)}
trap 'scripts/pg.sh stop; rm -f "$log"' EXIT

# Debian's chromium for the dashboard and ESG browser tests.
scripts/chromium.sh

# A throwaway PostgreSQL for the journal and cluster tests.
QF_TEST_POSTGRES=$(scripts/pg.sh start)
export QF_TEST_POSTGRES

set +e
dotnet test QuantumFlow.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The Docker image's layout, proven without Docker (publishes as deploy/Dockerfile does and starts the output on the
# base image's frameworks alone). After the Release build above it takes seconds.
scripts/image-check.sh || status=1
# Coverage-guided fuzzing of the recording readers, parsers and book sync (AFL++ via SharpFuzz), 60 s per target.
scripts/fuzz.sh 60 || status=1
set -e

# One closing line over all test projects: "N passed, N failed".
awk '/^(Passed|Failed)! +-/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { gsub(",", "", p); printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
