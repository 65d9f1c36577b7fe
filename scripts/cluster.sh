#!/usr/bin/env bash
# Several web nodes behind HAProxy, the way a deployment that outgrew one machine runs:
#   scripts/cluster.sh [N]          N nodes (default 3) sharing the local PostgreSQL and Redis; Ctrl-C stops all
#   scripts/cluster.sh [N] --detach leave them running (scripts/cluster.sh stop ends them)
#   scripts/cluster.sh stop
# Node i serves http://127.0.0.1:$((ANTONIO_NODE_PORT + i)) and its /metrics on $((ANTONIO_METRICS_PORT + i));
# HAProxy (Debian's package, config docs/ops/haproxy.cfg) listens on ANTONIO_CLUSTER_PORT (default 5180),
# health-checks each node's /health/ready, retries idempotent requests on another node and stops sending to a
# draining one. The first node migrates and seeds the demo data (database antonio_cluster); the others start
# once it is ready. Everything the cluster writes lives under .data/cluster (pids, logs, the published app).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR="$ROOT/.data/cluster"
CLUSTER_PORT="${ANTONIO_CLUSTER_PORT:-5180}"
NODE_PORT="${ANTONIO_NODE_PORT:-5200}"
METRICS_PORT="${ANTONIO_METRICS_PORT:-5300}"

stop_cluster() {
  # SIGTERM: each node drains (not ready, then finishes what is in flight) before it exits.
  for pidfile in "$DIR"/node*.pid "$DIR"/haproxy.pid; do
    [ -f "$pidfile" ] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
  done
  for pidfile in "$DIR"/node*.pid "$DIR"/haproxy.pid; do
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

if [ "${1:-}" = stop ]; then stop_cluster; exit 0; fi
N="${1:-3}"
DETACH=false
[ "${2:-}" = --detach ] && DETACH=true
case "$N" in ''|*[!0-9]*) echo "cluster.sh: N must be a number of nodes (1–9), not '$N'" >&2; exit 2 ;; esac
[ "$N" -ge 1 ] && [ "$N" -le 9 ] || { echo "cluster.sh: N must be 1–9" >&2; exit 2; }

. scripts/services.sh antonio_cluster
apt_install haproxy ffmpeg curl
mkdir -p "$DIR"
stop_cluster # a cluster left running from before
for port in "$CLUSTER_PORT" $(seq $((NODE_PORT + 1)) $((NODE_PORT + N))); do
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
    echo "cluster.sh: something already listens on 127.0.0.1:$port; set ANTONIO_CLUSTER_PORT / ANTONIO_NODE_PORT" >&2; exit 1
  fi
done

echo "cluster: publishing the app (Release)" >&2
dotnet publish Antonio.Web -c Release -o "$DIR/publish" -v q -nologo >/dev/null

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Antonio__PublicUrl="${Antonio__PublicUrl:-http://127.0.0.1:$CLUSTER_PORT}"
export Antonio__Network__TrustedProxies__0=127.0.0.1
export Antonio__Payments__Provider="${Antonio__Payments__Provider:-local}"
export Antonio__Cache__Prefix="${Antonio__Cache__Prefix:-cluster}"
# Behind a balancer a leaving node must stay up until the health checks (1 s × 2) have seen it go.
export Antonio__Drain__NotReadyFor="${Antonio__Drain__NotReadyFor:-00:00:03}"

start_node() {
  local i=$1 seed=$2
  (cd "$DIR/publish" && exec env Antonio__Seed__Demo="$seed" Antonio__Database__Migrate="$seed" \
      Antonio__Observability__MetricsPort=$((METRICS_PORT + i)) \
      dotnet Antonio.Web.dll --urls "http://127.0.0.1:$((NODE_PORT + i));http://127.0.0.1:$((METRICS_PORT + i))") \
    >>"$DIR/node$i.log" 2>&1 &
  echo $! >"$DIR/node$i.pid"
}

wait_ready() {
  local i=$1
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$((NODE_PORT + i))/health/ready" && return 0
    kill -0 "$(cat "$DIR/node$i.pid")" 2>/dev/null || { echo "cluster.sh: node $i exited; see $DIR/node$i.log" >&2; tail -5 "$DIR/node$i.log" >&2; return 1; }
    sleep 0.2
  done
  echo "cluster.sh: node $i not ready after 120 s; see $DIR/node$i.log" >&2; return 1
}

: >"$DIR/node1.log"
start_node 1 true
wait_ready 1
for i in $(seq 2 "$N"); do : >"$DIR/node$i.log"; start_node "$i" false; done
for i in $(seq 2 "$N"); do wait_ready "$i"; done

cfg="$DIR/haproxy.cfg"
# One server line per node, in place of each backend's "# servers" marker.
servers="$DIR/servers.cfg"
: >"$servers"
for i in $(seq 1 "$N"); do echo "    server node$i 127.0.0.1:$((NODE_PORT + i))" >>"$servers"; done
sed -e "/^    # servers$/r $servers" -e "/^    # servers$/d" docs/ops/haproxy.cfg >"$cfg"
export ANTONIO_CLUSTER_BIND="127.0.0.1:$CLUSTER_PORT"
ANTONIO_PUBLIC_HOST=$(echo "$Antonio__PublicUrl" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')
export ANTONIO_PUBLIC_HOST
haproxy -c -f "$cfg" >/dev/null
haproxy -db -f "$cfg" >>"$DIR/haproxy.log" 2>&1 &
echo $! >"$DIR/haproxy.pid"
for i in $(seq 1 100); do
  curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$CLUSTER_PORT/health/ready" && break
  kill -0 "$(cat "$DIR/haproxy.pid")" 2>/dev/null && [ "$i" -lt 100 ] || { echo "cluster.sh: HAProxy did not start; see $DIR/haproxy.log" >&2; tail -3 "$DIR/haproxy.log" >&2; stop_cluster; exit 1; }
  sleep 0.1
done

echo "cluster: $N nodes behind HAProxy — open http://127.0.0.1:$CLUSTER_PORT  (nodes: 127.0.0.1:$((NODE_PORT + 1))–$((NODE_PORT + N)), metrics: :$((METRICS_PORT + 1))–$((METRICS_PORT + N)), logs: $DIR)"
if $DETACH; then exit 0; fi
trap 'stop_cluster; exit 0' INT TERM
wait
