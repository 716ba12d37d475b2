# Shared by tools/run and tools/test: install what is missing, configure and build.
# Source it; it defines functions only.

THAKSA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
THAKSA_BUILD_DIR=${THAKSA_BUILD_DIR:-$THAKSA_ROOT/build}
# Further arguments of the configure step, and environment of the tests (tools/test --sanitize
# sets them).
THAKSA_CMAKE_ARGS=()
THAKSA_TEST_ENV=()

# Debian packages the project builds, runs and tests with.
THAKSA_PACKAGES=(
  g++ make cmake pkg-config openssl
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libmysqlcppconn-dev libssl-dev golang-github-gogo-googleapis-dev libcpp-httplib-dev libjs-chart.js
  libgtest-dev libgmock-dev libbenchmark-dev
  mariadb-server mariadb-client
)

# Only the tests need these: the browser that renders the HTML report and drives the dashboard
# (with Thai fonts), curl for the HTTP door of the split binaries, and promtool (in prometheus)
# to check /metrics.
THAKSA_TEST_PACKAGES=(chromium fonts-thai-tlwg curl prometheus)

# A Galera cluster behind HAProxy (tools/cluster, and the cluster fault test).
THAKSA_CLUSTER_PACKAGES=(galera-4 rsync haproxy)

# Sanitizer and fuzzing builds use clang and its runtimes.
THAKSA_SANITIZER_PACKAGES=(clang-14 libclang-rt-14-dev)

thaksa_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the given packages (default: THAKSA_PACKAGES) that are not installed yet (needs root
# or sudo).
thaksa_install_packages() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${THAKSA_PACKAGES[@]}")
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  thaksa_log "installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Installs what the browser tests run on: Node.js and npm (Debian's, where the machine has no
# node), and tests/browser's npm packages as its package-lock.json pins them (puppeteer-core,
# which drives Debian's Chromium and downloads no browser).
thaksa_install_browser_test_packages() {
  command -v npm >/dev/null || thaksa_install_packages nodejs npm
  local dir="$THAKSA_ROOT/tests/browser"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    thaksa_log "installing the browser tests' npm packages"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
  fi
}

# Configures (Release) and builds the given targets, or everything when none are given.
thaksa_build() {
  thaksa_log "building in ${THAKSA_BUILD_DIR#"$THAKSA_ROOT"/}"
  cmake -S "$THAKSA_ROOT" -B "$THAKSA_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
    "${THAKSA_CMAKE_ARGS[@]}" >/dev/null
  local targets=()
  for target in "$@"; do targets+=(--target "$target"); done
  cmake --build "$THAKSA_BUILD_DIR" -j "${THAKSA_JOBS:-2}" "${targets[@]}"
}

# Builds with clang and the sanitizers in $1 (a -fsanitize list) in build-sanitize-NAMES/; with
# address, also instrumented for libFuzzer (the harnesses of tests/fuzz). Sets the build
# directory, the configure arguments and the sanitizers' run-time options.
thaksa_use_sanitizers() {
  local sanitize=$1
  THAKSA_BUILD_DIR="$THAKSA_ROOT/build-sanitize-${sanitize//,/-}"
  THAKSA_CMAKE_ARGS=(-DCMAKE_CXX_COMPILER=clang++-14 -DTHAKSA_SANITIZE="$sanitize")
  [[ $sanitize == *address* ]] && THAKSA_CMAKE_ARGS+=(-DTHAKSA_FUZZ=ON)
  export LSAN_OPTIONS="suppressions=$THAKSA_ROOT/tests/sanitizers/lsan.supp"
  export TSAN_OPTIONS="suppressions=$THAKSA_ROOT/tests/sanitizers/tsan.supp"
  # Debian's absl::Mutex made visible to ThreadSanitizer (tests/sanitizers/tsan_absl_mutex.cc).
  [[ $sanitize == *thread* ]] &&
    THAKSA_TEST_ENV=(LD_PRELOAD="$THAKSA_BUILD_DIR/tests/libthaksa_tsan_absl_mutex.so")
  return 0
}

# Processes started by thaksa_start_mariadb / thaksa_start_server, stopped in this order by
# thaksa_stop_stack (the server before the database).
THAKSA_PIDS=()

# Starts a private MariaDB with its data under $1 (created on first use), its log at $2 and any
# further arguments as server options; exports THAKSA_DB_URL for it.
thaksa_start_mariadb() {
  local db=$1 log=$2
  shift 2
  mkdir -p "$db/tmp"
  if [ ! -d "$db/data/mysql" ]; then
    thaksa_log "creating a private MariaDB in ${db#"$THAKSA_ROOT"/}"
    PATH="$PATH:/usr/sbin" mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$db/data" \
      --tmpdir="$db/tmp" --auth-root-authentication-method=normal --skip-test-db >"$log.install" 2>&1
  fi
  thaksa_log "starting MariaDB (log: ${log#"$THAKSA_ROOT"/})"
  PATH="$PATH:/usr/sbin" mariadbd --no-defaults --user="$(id -un)" --datadir="$db/data" \
    --tmpdir="$db/tmp" --socket="$db/mariadbd.sock" --pid-file="$db/mariadbd.pid" \
    --skip-networking --log-error="$log" "$@" &
  THAKSA_PIDS+=($!)
  for _ in $(seq 1 150); do
    mariadb-admin --no-defaults -S "$db/mariadbd.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  export THAKSA_DB_URL="mysql://root@localhost/thaksa?socket=$db/mariadbd.sock"
}

# Starts thaksa-server on $1 with its log at $2, keeping the citizen-ID key in $3 (made on first
# use), and its HTTP door on $4 (default: off), and waits until it answers its health check.
# Sets THAKSA_SERVER_PID.
thaksa_start_server() {
  local listen=$1 log=$2 key_file=$3 http_listen=${4:-off}
  [ -s "$key_file" ] || (umask 077 && openssl rand -hex 32 >"$key_file")
  export THAKSA_CITIZEN_ID_KEY_FILE="$key_file"
  thaksa_log "starting thaksa-server on $listen, HTTP on $http_listen (log: ${log#"$THAKSA_ROOT"/})"
  "$THAKSA_BUILD_DIR/services/server/thaksa-server" --listen="$listen" \
    --http_listen="$http_listen" >>"$log" 2>&1 &
  THAKSA_SERVER_PID=$!
  THAKSA_PIDS=("$THAKSA_SERVER_PID" "${THAKSA_PIDS[@]}")
  for _ in $(seq 1 100); do
    THAKSA_SERVER="$listen" "$THAKSA_BUILD_DIR/tools/thaksa" health --timeout=1 >/dev/null 2>&1 && return 0
    kill -0 "$THAKSA_SERVER_PID" 2>/dev/null || { tail -5 "$log"; return 1; }
    sleep 0.2
  done
  thaksa_log "thaksa-server did not become healthy"
  return 1
}

# Makes the bootstrap ADMIN token in file $1 unless the server behind THAKSA_SERVER already
# knows the token there. The server's log gets the record of it ($2).
thaksa_ensure_admin_token() {
  local file=$1 log=$2
  if ! THAKSA_TOKEN_FILE="$file" "$THAKSA_BUILD_DIR/tools/thaksa" token list >/dev/null 2>&1; then
    thaksa_log "creating the bootstrap ADMIN token in ${file#"$THAKSA_ROOT"/}"
    "$THAKSA_BUILD_DIR/services/server/thaksa-server" --create_admin_token="$file" >>"$log" 2>&1
  fi
}

# Loads the demo data (deploy/demo: agencies, people, frameworks, assessments, courses, plans
# and an institute's completions) through the server behind THAKSA_SERVER with the ADMIN token of
# THAKSA_TOKEN_FILE, keeping the generated files and the institute's token under $1. Loading
# it again changes nothing.
thaksa_load_demo_data() {
  local var=$1 cli="$THAKSA_BUILD_DIR/tools/thaksa"
  thaksa_log "loading demo data"
  "$cli" agencies import "$THAKSA_ROOT/deploy/demo/agencies.csv" | tail -1
  "$THAKSA_ROOT/tools/gen-demo-people" >"$var/demo-people.csv"
  "$cli" people import "$var/demo-people.csv" | tail -1
  "$cli" frameworks seed "$THAKSA_ROOT/deploy/frameworks"
  "$cli" units load "$THAKSA_ROOT/deploy/reference/competency-units.csv"
  "$cli" behaviours load "$THAKSA_ROOT/deploy/reference/annex-behaviours.csv"
  "$cli" frameworks assign MDES --framework CS-2018 --from 2025-10-01
  "$cli" frameworks assign NSO --framework TPQI-2024 --from 2026-10-01
  "$cli" frameworks adopt NSO --framework TPQI-2024 --skill_set DATA --from 2026-10-01
  "$cli" people list --agency MDES | "$THAKSA_ROOT/tools/gen-demo-assessments" \
    >"$var/demo-assessments.csv"
  "$cli" assessments import "$var/demo-assessments.csv" | tail -1
  "$cli" institutes upsert --code TDGA --name_th "สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล" \
    --name_en "Digital Government Academy" --max_level 3
  "$cli" courses import "$THAKSA_ROOT/deploy/demo/courses.csv" | cut -f2-
  "$cli" people list --agency MDES | "$THAKSA_ROOT/tools/gen-demo-learning" plans \
    >"$var/demo-plans.csv"
  echo "plans: $("$cli" plans import "$var/demo-plans.csv" | tail -1)"
  # The demo institute's own token, for its completions.
  thaksa_keep_token "$var/tdga.token" "completions reviews" --role TRAINING_INSTITUTE \
    --institute TDGA --description "demo: TDGA"
  "$cli" people list --agency MDES | "$THAKSA_ROOT/tools/gen-demo-learning" completions \
    >"$var/demo-completions.csv"
  THAKSA_TOKEN_FILE="$var/tdga.token" "$cli" completions import \
    "$var/demo-completions.csv" | tail -1
  # The ministry's CIO office, to sign in to the dashboard with.
  thaksa_keep_token "$var/cio-mdes.token" "readiness --agency MDES" --role CIO_OFFICE \
    --agency MDES --description "demo: CIO office of MDES"
}

# Keeps in file $1 a token that can run the thaksa command $2 (words split on spaces), making a
# new one with `thaksa token create` and the further arguments when the one there cannot.
thaksa_keep_token() {
  local file=$1 check=$2 cli="$THAKSA_BUILD_DIR/tools/thaksa"
  shift 2
  # shellcheck disable=SC2086
  if ! THAKSA_TOKEN_FILE="$file" "$cli" $check >/dev/null 2>&1; then
    (umask 077 && "$cli" token create "$@" | tail -1 >"$file")
  fi
}

# Stops what thaksa_start_* started, the server first.
thaksa_stop_stack() {
  for pid in "${THAKSA_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  THAKSA_PIDS=()
}
