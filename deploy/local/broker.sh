#!/usr/bin/env bash
# Starts or stops a private RabbitMQ node on loopback, with its own node name, ports and data
# folder, so it never touches a system broker.
#
#   deploy/local/broker.sh start DIR [AMQP_PORT]   # prints the AMQP URL when the node is up
#   deploy/local/broker.sh stop DIR
#   deploy/local/broker.sh ctl DIR ARGS...          # rabbitmqctl against that node
#
# DIR holds everything: mnesia, logs, the Erlang cookie (HOME) and the pid file. The node
# listens on 127.0.0.1 only; its distribution port is AMQP_PORT + 20000 and epmd runs on
# AMQP_PORT + 10000, so two nodes with different ports do not meet.
set -euo pipefail

cmd=${1:?usage: broker.sh start|stop|ctl DIR [PORT]}
dir=${2:?usage: broker.sh start|stop|ctl DIR [PORT]}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
port_file="$dir/amqp.port"

env_for() {
  local port=$1
  export HOME="$dir/home"
  export RABBITMQ_NODENAME="psabridge${port}@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$port"
  export RABBITMQ_DIST_PORT=$((port + 20000))
  export ERL_EPMD_PORT=$((port + 10000))
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$dir/mnesia"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_PID_FILE="$dir/rabbit.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
}

case "$cmd" in
  start)
    port=${3:-5699}
    echo "$port" >"$port_file"
    env_for "$port"
    mkdir -p "$HOME" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    : >"$RABBITMQ_CONF_ENV_FILE"
    echo "[]." >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    echo "[]." >"$RABBITMQ_ADVANCED_CONFIG_FILE"
    cat >"$RABBITMQ_CONFIG_FILE.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users.guest = true
log.console = false
log.file.level = warning
vm_memory_high_watermark.relative = 0.6
disk_free_limit.absolute = 50MB
CONF
    # The server runs in the background; its own pid is written to RABBITMQ_PID_FILE.
    nohup /usr/lib/rabbitmq/bin/rabbitmq-server >"$dir/server.out" 2>&1 &
    echo $! >"$dir/launcher.pid"
    if ! /usr/lib/rabbitmq/bin/rabbitmqctl -q wait --timeout 90 "$RABBITMQ_PID_FILE" >/dev/null 2>"$dir/wait.err"; then
      echo "broker.sh: RabbitMQ did not start; see $dir/server.out and $dir/log" >&2
      tail -20 "$dir/server.out" >&2 || true
      exit 1
    fi
    echo "amqp://guest:guest@127.0.0.1:$port/%2F"
    ;;
  stop)
    [ -f "$port_file" ] || { echo "broker.sh: no broker recorded in $dir" >&2; exit 0; }
    env_for "$(cat "$port_file")"
    # `rabbitmqctl stop PIDFILE` waits for the pid file to appear: a node that never started
    # (its log says why) has none, so go straight to the launcher's pid then. Bounded either way.
    { [ -f "$RABBITMQ_PID_FILE" ] && timeout 120 /usr/lib/rabbitmq/bin/rabbitmqctl -q stop "$RABBITMQ_PID_FILE" >/dev/null 2>&1; } || {
      # Fall back to the pids this script started, never to a process name.
      [ -f "$RABBITMQ_PID_FILE" ] && kill "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null || true
      [ -f "$dir/launcher.pid" ] && kill "$(cat "$dir/launcher.pid")" 2>/dev/null || true
    }
    # epmd was started by this node on its own port; ask it to stop through its own interface.
    epmd -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
    ;;
  ctl)
    env_for "$(cat "$port_file")"
    shift 2
    exec /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBITMQ_NODENAME" "$@"
    ;;
  *) echo "broker.sh: unknown command $cmd" >&2; exit 2 ;;
esac
