# Shared by tools/cluster and the cluster fault test: a MariaDB Galera cluster of three nodes,
# HAProxy in front of it, and thaksa-server replicas, all on loopback under one directory.
# Source tools/lib/setup.sh first; this file defines functions only.

# The database user the replicas log in as through HAProxy.
THAKSA_CLUSTER_DB_USER=thaksa

# Ports of node $1 (1-3) under base port $THAKSA_CLUSTER_BASE_PORT: SQL, group communication,
# incremental state transfer, full state transfer.
thaksa_node_port() { echo $((THAKSA_CLUSTER_BASE_PORT + 10 * $1 + ${2:-0})); }

# Starts Galera node $1 with its files under $THAKSA_CLUSTER_DIR/node$1, owned by user mysql
# (a joiner's rsync state transfer refuses root); further arguments go to mariadbd (the first
# node of a new cluster takes --wsrep-new-cluster). Waits until the node answers.
thaksa_start_galera_node() {
  local n=$1 dir="$THAKSA_CLUSTER_DIR/node$1"
  shift
  mkdir -p "$dir/tmp"
  chown -R mysql:mysql "$dir"
  local cluster
  cluster="127.0.0.1:$(thaksa_node_port 1 1),127.0.0.1:$(thaksa_node_port 2 1),127.0.0.1:$(thaksa_node_port 3 1)"
  sed -e "s|@DIR@|$dir|g" -e "s|@NAME@|node$n|g" -e "s|@PORT@|$(thaksa_node_port "$n")|g" \
    -e "s|@GCOMM_PORT@|$(thaksa_node_port "$n" 1)|g" -e "s|@IST_PORT@|$(thaksa_node_port "$n" 2)|g" \
    -e "s|@SST_PORT@|$(thaksa_node_port "$n" 3)|g" -e "s|@CLUSTER@|$cluster|g" \
    "$THAKSA_ROOT/deploy/cluster/galera-node.cnf" >"$dir/node.cnf"
  if [ ! -d "$dir/data/mysql" ]; then
    PATH="$PATH:/usr/sbin" mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
      --tmpdir="$dir/tmp" --auth-root-authentication-method=normal --skip-test-db \
      >"$dir/install.log" 2>&1
    chown -R mysql:mysql "$dir"
  fi
  PATH="$PATH:/usr/sbin" mariadbd --defaults-file="$dir/node.cnf" "$@" >>"$dir/error.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 300); do
    [ "$(thaksa_node_status "$n" wsrep_local_state_comment)" = Synced ] && return 0
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
    sleep 0.2
  done
  tail -5 "$dir/error.log" >&2
  thaksa_log "Galera node $n did not come up"
  return 1
}

# Status variable $2 of node $1 ("" if the node does not answer).
thaksa_node_status() {
  mariadb --no-defaults -S "$THAKSA_CLUSTER_DIR/node$1/mariadbd.sock" -uroot -N \
    -e "SHOW STATUS LIKE '$2'" 2>/dev/null | cut -f2
}

# Runs SQL $2 on node $1 as root, printing the rows.
thaksa_node_sql() {
  mariadb --no-defaults -S "$THAKSA_CLUSTER_DIR/node$1/mariadbd.sock" -uroot -N -e "$2"
}

# Waits up to $2 seconds for process $1 to be gone; then kills it with SIGKILL and waits for it.
thaksa_await_exit() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ -e "/proc/$pid" ] &&
    ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do sleep 0.1; done
  return 0
}

# Kills node $1 with SIGKILL, as a crash would.
thaksa_kill_galera_node() {
  local pid
  pid=$(cat "$THAKSA_CLUSTER_DIR/node$1/pid")
  kill -9 "$pid" 2>/dev/null || true
  thaksa_await_exit "$pid" 10
}

# Starts the three nodes (the first bootstraps the cluster; any arguments are further options
# of every node), the database and the users the replicas and HAProxy's health check log in as,
# and HAProxy on $THAKSA_CLUSTER_BASE_PORT. Exports THAKSA_DB_URL and THAKSA_CITIZEN_ID_KEY_FILE
# (made here) for the replicas, which share both.
thaksa_start_cluster() {
  export THAKSA_CITIZEN_ID_KEY_FILE="$THAKSA_CLUSTER_DIR/citizen-id.key"
  [ -s "$THAKSA_CITIZEN_ID_KEY_FILE" ] || (umask 077 && openssl rand -hex 32 >"$THAKSA_CITIZEN_ID_KEY_FILE")
  thaksa_log "starting a Galera cluster of three nodes under ${THAKSA_CLUSTER_DIR#"$THAKSA_ROOT"/}"
  thaksa_start_galera_node 1 --wsrep-new-cluster "$@"
  local password
  password=$(openssl rand -hex 16)
  thaksa_node_sql 1 "CREATE DATABASE IF NOT EXISTS thaksa CHARACTER SET utf8mb4;
    CREATE OR REPLACE USER $THAKSA_CLUSTER_DB_USER@'127.0.0.1' IDENTIFIED BY '$password';
    GRANT ALL ON \`thaksa%\`.* TO $THAKSA_CLUSTER_DB_USER@'127.0.0.1';
    CREATE USER IF NOT EXISTS haproxy@'127.0.0.1';"
  thaksa_start_galera_node 2 "$@"
  thaksa_start_galera_node 3 "$@"
  sed -e "s|@PORT@|$THAKSA_CLUSTER_BASE_PORT|g" -e "s|@NODE1_PORT@|$(thaksa_node_port 1)|g" \
    -e "s|@NODE2_PORT@|$(thaksa_node_port 2)|g" -e "s|@NODE3_PORT@|$(thaksa_node_port 3)|g" \
    -e "s|@CHECK@|$THAKSA_ROOT/deploy/cluster/galera-check|g" \
    "$THAKSA_ROOT/deploy/cluster/haproxy.cfg" >"$THAKSA_CLUSTER_DIR/haproxy.cfg"
  haproxy -f "$THAKSA_CLUSTER_DIR/haproxy.cfg" -db >"$THAKSA_CLUSTER_DIR/haproxy.log" 2>&1 &
  echo $! >"$THAKSA_CLUSTER_DIR/haproxy.pid"
  export THAKSA_DB_URL="mysql://$THAKSA_CLUSTER_DB_USER:$password@127.0.0.1:$THAKSA_CLUSTER_BASE_PORT/thaksa"
  for _ in $(seq 1 50); do
    mariadb --no-defaults -h127.0.0.1 -P"$THAKSA_CLUSTER_BASE_PORT" -u"$THAKSA_CLUSTER_DB_USER" \
      -p"$password" -e "SELECT 1" thaksa >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  thaksa_log "HAProxy does not reach the cluster"
  return 1
}

# Starts replica $1 of thaksa-server (gRPC on base port + 100 + $1, HTTP on + 200 + $1) over
# the cluster thaksa_start_cluster started; waits until it answers its health check.
thaksa_start_replica() {
  local r=$1 log="$THAKSA_CLUSTER_DIR/replica$1.log"
  local listen="127.0.0.1:$((THAKSA_CLUSTER_BASE_PORT + 100 + r))"
  "$THAKSA_BUILD_DIR/services/server/thaksa-server" \
    --listen="$listen" --http_listen="127.0.0.1:$((THAKSA_CLUSTER_BASE_PORT + 200 + r))" \
    >>"$log" 2>&1 &
  echo $! >"$THAKSA_CLUSTER_DIR/replica$r.pid"
  for _ in $(seq 1 150); do
    THAKSA_SERVER="$listen" "$THAKSA_BUILD_DIR/tools/thaksa" health --timeout=1 >/dev/null 2>&1 &&
      return 0
    kill -0 "$(cat "$THAKSA_CLUSTER_DIR/replica$r.pid")" 2>/dev/null || break
    sleep 0.2
  done
  tail -5 "$log" >&2
  thaksa_log "replica $r did not become healthy"
  return 1
}

# Stops the replicas, HAProxy and the nodes (the last one last), whatever runs of them: each gets
# SIGTERM, and SIGKILL if it has not ended within 30 s. A pid file whose process is no longer
# one of ours (a pid reused) is only removed.
thaksa_stop_cluster() {
  local pid_file pid
  for pid_file in "$THAKSA_CLUSTER_DIR"/replica*.pid "$THAKSA_CLUSTER_DIR/haproxy.pid" \
    "$THAKSA_CLUSTER_DIR"/node3/pid "$THAKSA_CLUSTER_DIR"/node2/pid "$THAKSA_CLUSTER_DIR"/node1/pid; do
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    rm -f "$pid_file"
    grep -qaE 'thaksa-server|haproxy|mariadbd' "/proc/$pid/cmdline" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    thaksa_await_exit "$pid" 30
  done
}
