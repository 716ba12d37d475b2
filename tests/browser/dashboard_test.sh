#!/usr/bin/env bash
# The dashboard in Debian's headless Chromium (dashboard.test.mjs, driven by puppeteer-core):
# thaksa-server with its HTTP door over a private MariaDB, loaded with the demo data, a second
# ministry and the CIO offices' tokens. Screenshots of the main pages go to SCREENSHOT_DIR.
#   dashboard_test.sh BUILD_DIR SCREENSHOT_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
screenshots=$2
THAKSA_BUILD_DIR=$build
source "$(dirname "$0")/../../tools/lib/setup.sh"
work=$(mktemp -d)
cleanup() {
  thaksa_stop_stack
  rm -rf "$work"
}
trap cleanup EXIT

[ -d "$(dirname "$0")/node_modules/puppeteer-core" ] ||
  { echo "FAILED: tests/browser's npm packages are missing; tools/test installs them" >&2; exit 1; }
thaksa_start_mariadb "$work/db" "$work/mariadb.log"
(umask 077 && openssl rand -hex 32 >"$work/key")
export THAKSA_CITIZEN_ID_KEY_FILE="$work/key"
log=$work/server.log
"$build/services/server/thaksa-server" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 >"$log" 2>&1 &
THAKSA_PIDS=("$!" "${THAKSA_PIDS[@]}")
for _ in $(seq 1 100); do
  grpc_port=$(sed -n 's/.* listening .*port=\([0-9]*\).*/\1/p' "$log")
  http_port=$(sed -n 's/.*http_listening .*port=\([0-9]*\).*/\1/p' "$log")
  [ -n "$grpc_port" ] && [ -n "$http_port" ] && break
  sleep 0.2
done
[ -n "$http_port" ] || { tail -5 "$log"; echo "FAILED: the server did not start" >&2; exit 1; }
export THAKSA_SERVER=127.0.0.1:$grpc_port THAKSA_TOKEN_FILE=$work/admin.token
"$build/services/server/thaksa-server" --create_admin_token="$THAKSA_TOKEN_FILE" >>"$work/token.log" 2>&1

thaksa_load_demo_data "$work" >/dev/null
cli=$build/tools/thaksa
printf 'code,name_th,name_en,parent_code,kind\nMOF,กระทรวงการคลัง,Ministry of Finance,,MINISTRY\n' \
  >"$work/other-ministry.csv"
"$cli" agencies import "$work/other-ministry.csv" >/dev/null
"$cli" token create --role CIO_OFFICE --agency MOF --description "CIO office of MOF" |
  tail -1 >"$work/cio-mof.token"

cd "$(dirname "$0")"
THAKSA_URL="http://127.0.0.1:$http_port" \
  THAKSA_CIO_TOKEN=$(cat "$work/cio-mdes.token") \
  THAKSA_OTHER_TOKEN=$(cat "$work/cio-mof.token") \
  THAKSA_ADMIN_TOKEN=$(cat "$THAKSA_TOKEN_FILE") \
  THAKSA_SCREENSHOTS="$screenshots" \
  node --test --test-reporter=spec dashboard.test.mjs
