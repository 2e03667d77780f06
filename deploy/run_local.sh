#!/usr/bin/env bash
# Two Streamlit replicas behind Debian's nginx (ip_hash = sticky sessions), all on loopback.
#
#   bash deploy/run_local.sh            # start, print the URL, run until Ctrl-C (then stop all)
#   bash deploy/run_local.sh --check    # start, check through nginx, stop; exit 1 on failure
#
# Environment: PORT (nginx, default 8080), REPLICA_PORTS (default "8501 8502"),
# RUN_DIR (pids, logs, rendered nginx.conf; default a fresh temp dir), PYTHON (default python).
# Needs nginx (`apt-get install -y nginx`); the system nginx service is not used or touched: this
# nginx runs as our own process with its own config, pid and logs in RUN_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
REPLICA_PORTS=${REPLICA_PORTS:-"8501 8502"}
PYTHON=${PYTHON:-python}
# glibc gives every thread that allocates its own heap arena; Streamlit runs each script run in a
# new thread, and freed memory then stays spread over many arenas. Two arenas: measured by
# benchmarks/load_test.py (an earlier run), 17 MB less left behind after 30 sessions.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
RUN_DIR=${RUN_DIR:-$(mktemp -d -t ensemble-deploy-XXXXXX)}
MODE=${1:-serve}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 2; }

mkdir -p "$RUN_DIR"
PIDS=()

cleanup() {
  # Stop exactly what this script started, by pid.
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() {  # url seconds
  "$PYTHON" - "$1" "$2" <<'PY'
import sys, time, urllib.request
url, limit = sys.argv[1], float(sys.argv[2])
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(f"no answer from {url} within {limit:.0f} s")
PY
}

# 1. the replicas: same code and config (.streamlit/config.toml), one process each
upstreams=""
for p in $REPLICA_PORTS; do
  "$PYTHON" -m streamlit run playground/app.py \
      --server.address 127.0.0.1 --server.port "$p" --server.headless true \
      --server.fileWatcherType none --browser.gatherUsageStats false \
      --client.showErrorDetails type \
      >"$RUN_DIR/replica-$p.log" 2>&1 &
  PIDS+=($!)
  echo "$!" >"$RUN_DIR/replica-$p.pid"
  upstreams+="        server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"$'\n'
done

# 2. nginx with our rendered config (its own pid/logs/temp dirs in RUN_DIR)
"$PYTHON" - "$RUN_DIR" "127.0.0.1:$PORT" "$upstreams" <<'PY'
import sys
run, listen, ups = sys.argv[1:4]
src = open("deploy/nginx.conf.template").read()
open(f"{run}/nginx.conf", "w").write(
    src.replace("@RUN@", run).replace("@LISTEN@", listen).replace("@UPSTREAMS@", ups.rstrip("\n")))
PY
"$NGINX" -t -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -e "$RUN_DIR/error.log"
"$NGINX" -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -e "$RUN_DIR/error.log" &
PIDS+=($!)

for p in $REPLICA_PORTS; do wait_http "http://127.0.0.1:$p/_stcore/health" 60; done
wait_http "http://127.0.0.1:$PORT/_stcore/health" 20
echo "Ensemble Playground: http://127.0.0.1:$PORT/  (replicas: $REPLICA_PORTS; logs: $RUN_DIR)"

if [ "$MODE" = "--check" ]; then
  "$PYTHON" deploy/check_local.py "http://127.0.0.1:$PORT" "$RUN_DIR" $REPLICA_PORTS
  exit $?
fi
wait
