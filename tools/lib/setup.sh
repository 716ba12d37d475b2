# Shared by tools/run and tools/test: install what is missing, configure and build.
# Source it; it defines functions only.

THAKSA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
THAKSA_BUILD_DIR=${THAKSA_BUILD_DIR:-$THAKSA_ROOT/build}

# Debian packages the project builds, runs and tests with.
THAKSA_PACKAGES=(
  g++ make cmake pkg-config openssl
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libmysqlcppconn-dev libssl-dev golang-github-gogo-googleapis-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  mariadb-server mariadb-client
)

# Only the tests need these: the browser that renders the HTML report.
THAKSA_TEST_PACKAGES=(chromium)

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

# Configures (Release) and builds the given targets, or everything when none are given.
thaksa_build() {
  thaksa_log "building in ${THAKSA_BUILD_DIR#"$THAKSA_ROOT"/}"
  cmake -S "$THAKSA_ROOT" -B "$THAKSA_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  local targets=()
  for target in "$@"; do targets+=(--target "$target"); done
  cmake --build "$THAKSA_BUILD_DIR" -j "${THAKSA_JOBS:-2}" "${targets[@]}"
}
