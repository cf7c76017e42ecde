#!/usr/bin/env bash
# Concierge's test command (README: ./test.sh). On a fresh Debian machine with the .NET 10 SDK, run as root, it
#   1. installs what the suites need and is missing: postgresql, chromium, fonts (apt-get);
#   2. starts PostgreSQL on 127.0.0.1 with password auth (user postgres, password postgres);
#   3. builds once, then runs every suite: the language engine, the integration suite on SQLite, the same suite on
#      PostgreSQL, and the browser tests (Playwright + /usr/bin/chromium);
#   4. prints one line per suite and, last, the totals: "N passed, N failed, N skipped".
# Exit status is non-zero when anything failed, a suite crashed (counted as one failure), or the build failed.
# Results (TRX) go to artifacts/test-results/, screenshots from the browser tests to artifacts/screenshots/.
# Optional: CONFIG=Debug ./test.sh ; SKIP_SETUP=1 ./test.sh (no apt-get, no PostgreSQL start).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 2
ROOT=$(pwd)
CONFIG=${CONFIG:-Release}
RESULTS="$ROOT/artifacts/test-results"
SETUP_LOG="$RESULTS/setup.log"
SUITE_TIMEOUT=${SUITE_TIMEOUT:-40m}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DEBIAN_FRONTEND=noninteractive

rm -rf "$RESULTS" "$ROOT/artifacts/screenshots/failures"
mkdir -p "$RESULTS" "$ROOT/artifacts/screenshots"
: >"$SETUP_LOG"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1
  fi
}

# ---------------------------------------------------------------- 1. system packages
install_missing() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei)
  # Latin text in screenshots; chromium only recommends it.
  dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
  command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages: all present"
    return 0
  fi
  say "installing: ${missing[*]} (apt-get, log in $SETUP_LOG)"
  if ! as_root apt-get update -qq >>"$SETUP_LOG" 2>&1 ||
     ! as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$SETUP_LOG" 2>&1; then
    warn "apt-get could not install ${missing[*]} (not root, or no package mirror); see $SETUP_LOG"
    tail -n 15 "$SETUP_LOG" >&2
    return 1
  fi
}

# ---------------------------------------------------------------- 2. PostgreSQL on 127.0.0.1
PG_PORT=5432
start_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || { warn "PostgreSQL is not installed"; return 1; }
  local line version cluster status
  line=$(pg_lsclusters --no-header 2>/dev/null | sort -k1,1nr | head -n 1)
  if [ -z "$line" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    say "creating PostgreSQL $version cluster 'main'"
    as_root pg_createcluster "$version" main >>"$SETUP_LOG" 2>&1 || { warn "pg_createcluster failed"; return 1; }
    line=$(pg_lsclusters --no-header | sort -k1,1nr | head -n 1)
  fi
  read -r version cluster PG_PORT status _ <<<"$line"
  local conf="/etc/postgresql/$version/$cluster"
  # Password authentication over TCP on loopback (Debian's default; made sure of here, once).
  if [ -f "$conf/pg_hba.conf" ] && ! grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5|password)' "$conf/pg_hba.conf"; then
    as_root sed -i '1i host all all 127.0.0.1/32 scram-sha-256' "$conf/pg_hba.conf"
    [[ $status == online* ]] && as_root pg_ctlcluster "$version" "$cluster" reload >>"$SETUP_LOG" 2>&1
  fi
  if [[ $status != online* ]]; then
    say "starting PostgreSQL $version/$cluster on 127.0.0.1:$PG_PORT"
    as_root pg_ctlcluster "$version" "$cluster" start >>"$SETUP_LOG" 2>&1 ||
      { warn "PostgreSQL did not start; see $SETUP_LOG and /var/log/postgresql/"; return 1; }
  else
    say "PostgreSQL $version/$cluster already running on port $PG_PORT"
  fi
  local i
  for i in $(seq 1 30); do
    as_root runuser -u postgres -- psql -p "$PG_PORT" -qAtc 'select 1' >/dev/null 2>&1 && break
    sleep 1
  done
  as_root runuser -u postgres -- psql -p "$PG_PORT" -qc "ALTER USER postgres PASSWORD 'postgres'" >>"$SETUP_LOG" 2>&1 ||
    { warn "could not set the postgres user's password"; return 1; }
  if ! PGPASSWORD=postgres psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAtc 'select 1' >/dev/null 2>&1; then
    warn "password login to PostgreSQL over 127.0.0.1:$PG_PORT fails"
    return 1
  fi
}

PG_OK=1
if [ "${SKIP_SETUP:-0}" = 1 ]; then
  say "SKIP_SETUP=1: no package installs, PostgreSQL assumed running on 127.0.0.1:$PG_PORT"
else
  install_missing || true
  start_postgres || PG_OK=0
fi

# ---------------------------------------------------------------- 3. build once
SUITES=(
  "nlp|Concierge.Nlp.Tests|tests/Concierge.Nlp.Tests"
  "sqlite|Concierge.Tests (SQLite)|tests/Concierge.Tests"
  "postgres|Concierge.Tests (PostgreSQL)|tests/Concierge.Tests"
  "browser|Concierge.Browser.Tests|tests/Concierge.Browser.Tests"
)
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0
SUMMARY=()

finish() {
  echo
  echo "Results: $RESULTS"
  local line
  for line in "${SUMMARY[@]}"; do echo "$line"; done
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
  [ "$TOTAL_FAILED" -eq 0 ] && exit 0 || exit 1
}

say "building ($CONFIG)"
build_started=$SECONDS
if [ -f Concierge.slnx ]; then build_targets=(Concierge.slnx)
else build_targets=(tests/Concierge.Nlp.Tests tests/Concierge.Tests tests/Concierge.Browser.Tests)
fi
build_ok=1
for target in "${build_targets[@]}"; do
  if ! dotnet build "$target" -c "$CONFIG" -nologo -v quiet -clp:ErrorsOnly >"$RESULTS/build.log" 2>&1; then
    cat "$RESULTS/build.log"
    build_ok=0
    break
  fi
done
if [ $build_ok = 0 ]; then
  warn "the build failed; no suite can run"
  for suite in "${SUITES[@]}"; do
    IFS='|' read -r _ name _ <<<"$suite"
    SUMMARY+=("$(printf '  %-30s crashed (build failed)' "$name")")
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
  done
  finish
fi
say "built in $((SECONDS - build_started)) s"

# ---------------------------------------------------------------- 4. the suites
counter() { grep -o "$1=\"[0-9]*\"" "$2" | head -n 1 | grep -o '[0-9]*' || echo 0; }

for suite in "${SUITES[@]}"; do
  IFS='|' read -r key name project <<<"$suite"
  trx="$RESULTS/$key.trx"
  env_args=()
  if [ "$key" = postgres ]; then
    pg="Host=127.0.0.1;Username=postgres;Password=postgres"
    [ "$PG_PORT" != 5432 ] && pg="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres"
    env_args=(CONCIERGE_TEST_DB=postgres "CONCIERGE_TEST_PG=$pg")
    [ $PG_OK = 1 ] || warn "PostgreSQL is not available; the PostgreSQL suite will fail"
  fi
  echo
  say "$name"
  started=$SECONDS
  env "${env_args[@]}" timeout --kill-after=30s "$SUITE_TIMEOUT" \
    dotnet test "$project" -c "$CONFIG" --no-build --nologo \
      --logger "trx;LogFileName=$trx" --results-directory "$RESULTS/$key"
  code=$?
  seconds=$((SECONDS - started))
  if [ -f "$trx" ]; then
    total=$(counter total "$trx"); passed=$(counter passed "$trx")
    failed=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
    skipped=$(( total - passed - failed )); [ $skipped -lt 0 ] && skipped=0
    note=""
    if [ $code -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; note="  (crashed: exit code $code)"; fi
  else
    passed=0 failed=1 skipped=0 note="  (crashed: no results, exit code $code)"
  fi
  [ $code -eq 124 ] && note="  (timed out after $SUITE_TIMEOUT)"
  TOTAL_PASSED=$((TOTAL_PASSED + passed)); TOTAL_FAILED=$((TOTAL_FAILED + failed)); TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  SUMMARY+=("$(printf '  %-30s %4d passed, %d failed, %d skipped  %4d s%s' "$name" "$passed" "$failed" "$skipped" "$seconds" "$note")")
done

finish
