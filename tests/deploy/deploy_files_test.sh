#!/usr/bin/env bash
# The deployment files, checked offline: the Kubernetes manifests render (kubectl kustomize)
# into the objects a deployment needs, with probes, resources and the Secrets they name; the
# HAProxy configuration of tools/cluster passes haproxy's own check; and the Containerfile
# installs every package the build needs and every library package thaksa-server links.
#   deploy_files_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
THAKSA_BUILD_DIR=$build
source "$(dirname "$0")/../../tools/lib/setup.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

kubectl kustomize "$THAKSA_ROOT/deploy/kubernetes" >"$work/all.yaml"
kinds=$(grep '^kind:' "$work/all.yaml" | sort | uniq -c | tr -s ' ' | tr '\n' ';')
[ "$kinds" = " 1 kind: ConfigMap; 1 kind: Deployment; 1 kind: Namespace; 1 kind: PodDisruptionBudget; 1 kind: Service;" ] ||
  fail "the manifests render into $kinds"
for wanted in "readinessProbe:" "livenessProbe:" "path: /readyz" "requests:" "namespace: thaksa" \
  "secretName: thaksa-tls" "secretName: thaksa-citizen-id-key" "name: thaksa-db"; do
  grep -q "$wanted" "$work/all.yaml" || fail "the manifests lack '$wanted'"
done
# The Secrets the Deployment names are those the example shows (applying the kustomization
# never overwrites them, so they are not in it).
for secret in thaksa-db thaksa-citizen-id-key thaksa-tls; do
  grep -A3 '^kind: Secret' "$THAKSA_ROOT/deploy/kubernetes/secrets.example.yaml" |
    grep -q "name: $secret" || fail "secrets.example.yaml shows no Secret $secret"
done

sed -e 's/@PORT@/24000/' -e 's/@NODE[123]_PORT@/24010/' \
  -e "s|@CHECK@|$THAKSA_ROOT/deploy/cluster/galera-check|" "$THAKSA_ROOT/deploy/cluster/haproxy.cfg" \
  >"$work/haproxy.cfg"
haproxy -c -q -f "$THAKSA_ROOT/deploy/cluster/haproxy.cfg" 2>/dev/null &&
  fail "haproxy takes the template unfilled, so its check proves nothing"
haproxy -c -q -f "$work/haproxy.cfg" || fail "haproxy refuses deploy/cluster/haproxy.cfg"
# Its node check passes a synced node only: given a mariadb client that answers as a node in
# each state would (nothing: the node is down).
mkdir "$work/bin"
check_node() {
  printf '#!/bin/sh\nprintf "%s"\n' "$1" >"$work/bin/mariadb"
  chmod +x "$work/bin/mariadb"
  PATH="$work/bin:$PATH" "$THAKSA_ROOT/deploy/cluster/galera-check" 127.0.0.1 24000 127.0.0.1 24010
}
check_node 'wsrep_ready\tON\nwsrep_local_state\t4\n' || fail "galera-check fails a synced node"
for state in 'wsrep_ready\tON\nwsrep_local_state\t2\n' 'wsrep_ready\tOFF\nwsrep_local_state\t4\n' \
  'wsrep_ready\tON\nwsrep_local_state\t1\n' ''; do
  ! check_node "$state" || fail "galera-check passes a node answering '$state'"
done

containerfile="$THAKSA_ROOT/deploy/Containerfile"
for package in "${THAKSA_PACKAGES[@]}"; do
  case "$package" in mariadb-server | mariadb-client) continue ;; esac
  grep -v '^#' "$containerfile" | grep -qw -- "$package" || fail "the Containerfile does not install $package"
done
packages_installed=$(grep -v '^#' "$containerfile")
ldd "$build/services/server/thaksa-server" | awk '/=>/ {print $3}' | while read -r library; do
  package=$(dpkg -S "$(readlink -f "$library")" 2>/dev/null || dpkg -S "$library" 2>/dev/null) ||
    fail "no Debian package has $library"
  package=${package%%:*}
  grep -qw -- "$package" <<<"$packages_installed" ||
    case "$package" in libc6 | libgcc-s1 | libstdc++6) ;; *) fail "the image lacks $package" ;; esac
done
echo "deployment files: manifests, HAProxy configuration and Containerfile check out"
