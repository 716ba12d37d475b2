#!/usr/bin/env bash
# The services as separate binaries, each its own process on loopback over one private MariaDB:
# thaksa-access, -personnel (with its HTTP door), -assessment, -learning (peer: assessment) and
# -readiness, driven by the CLI and curl. With the assessment service stopped, an institute's
# completions are acknowledged and their assessed levels wait in learning's outbox; once it is
# back, the relay records each level exactly once, and a replay of the completions adds nothing.
#   split_binaries_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
THAKSA_BUILD_DIR=$build
source "$(dirname "$0")/../../tools/lib/setup.sh"
root=$THAKSA_ROOT
work=$(mktemp -d)
cli=$build/tools/thaksa
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  thaksa_stop_stack
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

thaksa_start_mariadb "$work/db" "$work/mariadb.log"
(umask 077 && openssl rand -hex 32 >"$work/key")
export THAKSA_CITIZEN_ID_KEY_FILE="$work/key"
sql() { mariadb --no-defaults -S "$work/db/mariadbd.sock" -uroot thaksa -N -e "$1"; }

declare -A port pid_of
# Starts service $1 (on the port it had before, or any free one); extra flags follow.
start() {
  local name=$1 log=$work/$1.log
  shift
  : >"$log"
  "$build/services/$name/thaksa-$name" --listen="127.0.0.1:${port[$name]:-0}" "$@" >>"$log" 2>&1 &
  pid_of[$name]=$!
  pids+=($!)
  for _ in $(seq 1 100); do
    local listening
    listening=$(sed -n 's/.* listening .*port=\([0-9]*\).*/\1/p' "$log")
    if [ -n "$listening" ]; then
      port[$name]=$listening
      THAKSA_SERVER="127.0.0.1:$listening" "$cli" health --timeout=1 >/dev/null 2>&1 && return 0
    fi
    sleep 0.2
  done
  tail -5 "$log"
  fail "thaksa-$name did not become healthy"
}
on() { local name=$1; shift; THAKSA_SERVER="127.0.0.1:${port[$name]}" "$cli" "$@"; }

start access
start personnel --http_listen=127.0.0.1:0
start assessment
start learning --peer_address="127.0.0.1:${port[assessment]}"
start readiness
"$build/services/access/thaksa-access" --create_admin_token="$work/admin.token" >>"$work/token.log" 2>&1
export THAKSA_TOKEN_FILE="$work/admin.token"

on personnel agencies import "$root/deploy/demo/agencies.csv" >/dev/null

# A department that names no accountable officer declares no period, and the ministry's CIO
# office finds it; once its officer is named, it declares.
on personnel agencies create --code DGA --name_th "สำนักงานพัฒนารัฐบาลดิจิทัล" --parent MDES \
  --kind DEPARTMENT >/dev/null
! on personnel agencies set-period DGA --fiscal_year 2570 --period EARLY >"$work/refused.txt" 2>&1 ||
  fail "a period was declared without an accountable officer"
grep -q "accountable_officer" "$work/refused.txt" || fail "the refusal does not name the field: $(cat "$work/refused.txt")"
[ "$(on personnel agencies list --parent MDES --subtree --needing_officer | grep -c 'officer=NONE')" = 1 ] ||
  fail "the CIO office's list of agencies without an officer is not DGA alone"
on personnel agencies set-officer DGA --officer_name "นางสาวดวงใจ ดิจิทัล" --officer_role CIO >/dev/null
on personnel agencies set-period DGA --fiscal_year 2570 --period EARLY | grep -q "period=EARLY" ||
  fail "the period was not declared once the officer was named"
on personnel agencies list --parent MDES --subtree --needing_officer | grep -qx "0 agencies" ||
  fail "DGA is still listed without an officer"

# The HTTP door of a binary of one service answers that service's routes, and 501 for others.
http_port=$(sed -n 's/.* http_listening .*port=\([0-9]*\).*/\1/p' "$work/personnel.log")
rest() {
  curl -s -o "$work/rest.json" -w '%{http_code}' \
    -H "Authorization: Bearer $(cat "$THAKSA_TOKEN_FILE")" "http://127.0.0.1:$http_port$1"
}
[ "$(rest /v1/agencies/MDES)" = 200 ] && grep -q '"code":"MDES"' "$work/rest.json" ||
  fail "personnel's HTTP door did not answer its agency: $(cat "$work/rest.json")"
[ "$(rest /v1/frameworks)" = 501 ] || fail "personnel's HTTP door answered another service's route"
"$root/tools/gen-demo-people" >"$work/people.csv"
on personnel people import "$work/people.csv" >/dev/null
on assessment frameworks seed "$root/deploy/frameworks" >/dev/null
on assessment frameworks assign MDES --framework CS-2018 --from 2025-10-01 >/dev/null
on learning institutes upsert --code TDGA --name_th "สถาบันทดสอบ" --max_level 3 >/dev/null
on assessment units load "$root/deploy/reference/competency-units.csv" >/dev/null
on assessment behaviours load "$root/deploy/reference/annex-behaviours.csv" >/dev/null
on learning courses import "$root/deploy/demo/courses.csv" >/dev/null
on access token create --role TRAINING_INSTITUTE --institute TDGA --description split | tail -1 \
  >"$work/tdga.token"
on personnel people list --agency MDES | "$root/tools/gen-demo-learning" completions \
  >"$work/completions.csv"

kill -TERM "${pid_of[assessment]}"
wait "${pid_of[assessment]}" 2>/dev/null || true
THAKSA_TOKEN_FILE="$work/tdga.token" on learning completions import "$work/completions.csv" \
  >"$work/first.txt"
pending=$(sql "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NULL AND failed_at IS NULL")
[ "$pending" -gt 0 ] || fail "no assessed level is waiting while the assessment service is down"
[ "$(sql "SELECT COUNT(*) FROM assessment")" = 0 ] || fail "assessments recorded while it was down"

start assessment
for _ in $(seq 1 150); do
  [ "$(sql "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NULL")" = 0 ] && break
  sleep 0.2
done
[ "$(sql "SELECT COUNT(*) FROM learning_outbox WHERE delivered_at IS NULL")" = 0 ] ||
  fail "levels still undelivered after the assessment service came back"
recorded=$(sql "SELECT COUNT(*) FROM assessment")
[ "$recorded" = "$pending" ] || fail "$pending levels waited but $recorded assessments were recorded"

THAKSA_TOKEN_FILE="$work/tdga.token" on learning completions import "$work/completions.csv" \
  >"$work/replay.txt"
grep -q "created=0 updated=0" "$work/replay.txt" || fail "the replay changed completions: $(tail -1 "$work/replay.txt")"
sleep 1  # give a wrongly woken relay the time to queue or send anything again
[ "$(sql "SELECT COUNT(*) FROM learning_outbox")" = "$pending" ] || fail "the replay queued levels again"
[ "$(sql "SELECT COUNT(*) FROM assessment")" = "$recorded" ] || fail "the replay recorded levels again"
on readiness readiness --agency MDES >/dev/null || fail "readiness did not answer"
# The checklist of a technology specialist who completed DT-301 (units DT300 and DS400): the
# assessment binary links the completion from the learning tables (GoalActivityReads).
learner=$(sql "SELECT MIN(person_id) FROM person_assignment WHERE personnel_group = 5")
printf '%s\n' "record_id,person_id,citizen_id,course_code,started_at,finished_at,hours,passed,score,assessed_level,certificate_id" \
  "split-dt-1,$learner,,DT-301,2026-11-18 08:00,2026-11-20 17:00,30,true,90,0," >"$work/cloud.csv"
THAKSA_TOKEN_FILE="$work/tdga.token" on learning completions import "$work/cloud.csv" >"$work/cloud.txt"
grep -q "created=1" "$work/cloud.txt" || fail "the DT-301 completion was not recorded: $(cat "$work/cloud.txt")"
on assessment checklist "$learner" --as_of 2026-11-30 --lang en >"$work/checklist.txt" ||
  fail "the checklist did not answer: $(cat "$work/checklist.txt")"
grep -q "COMPLETION" "$work/checklist.txt" ||
  fail "the checklist links no completion: $(head -3 "$work/checklist.txt")"
echo "split binaries: $pending assessed levels waited for the assessment service, $recorded recorded once"
