#!/usr/bin/env bash
# The test command: installs what the tests need, starts a private RabbitMQ node and a private
# PostgreSQL cluster on loopback (own node name, ports and data folders under a temporary
# directory), runs `swift test` twice, once with the state on SQLite and once on PostgreSQL,
# and stops both servers again. Tests that need the broker read PSA_BRIDGE_TEST_AMQP_URL, tests
# that open a state read PSA_BRIDGE_TEST_POSTGRES in the second run; both fail (never skip) when
# they cannot reach their server.
#
#   scripts/test.sh [extra swift test arguments, e.g. --filter BridgeRulesTests]
#   PSA_BRIDGE_TEST_BACKENDS=postgres scripts/test.sh --filter X    # one backend only
#
# Without arguments it then runs the admin console's browser test (scripts/browser-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

psa_bridge_install_packages postgresql

work=$(mktemp -d "${TMPDIR:-/tmp}/psa-bridge-test.XXXXXX")
port=$(psa_bridge_free_port)
backends=${PSA_BRIDGE_TEST_BACKENDS:-sqlite postgres}
cleanup() {
  deploy/local/broker.sh stop "$work/broker" || true
  deploy/local/postgres.sh stop "$work/postgres" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> starting a private RabbitMQ node on 127.0.0.1:$port (data in $work/broker)"
PSA_BRIDGE_TEST_AMQP_URL=$(deploy/local/broker.sh start "$work/broker" "$port")
export PSA_BRIDGE_TEST_AMQP_URL
export PSA_BRIDGE_SCHEMAS="$PWD/schemas"
postgres_url=""
if [[ " $backends " == *" postgres "* ]]; then
  pg_port=$(psa_bridge_free_port)
  echo "==> starting a private PostgreSQL cluster on 127.0.0.1:$pg_port (data in $work/postgres)"
  postgres_url=$(deploy/local/postgres.sh start "$work/postgres" "$pg_port" fast)
fi

echo "==> building"
swift build --build-tests
# A run that stalls is stopped with the tests' output so far, well inside CI's own limit.
status=0
for backend in $backends; do
  case "$backend" in
    sqlite) unset PSA_BRIDGE_TEST_POSTGRES ;;
    postgres) export PSA_BRIDGE_TEST_POSTGRES="$postgres_url" ;;
    *) echo "error: unknown backend $backend in PSA_BRIDGE_TEST_BACKENDS (sqlite, postgres)" >&2; exit 2 ;;
  esac
  echo "==> testing with the state on $backend"
  timeout --signal=TERM --kill-after=60s "${PSA_BRIDGE_TEST_TIMEOUT:-40m}" swift test --skip-build "$@" || status=$?
  if [ "$status" -eq 124 ]; then
    echo "error: swift test on $backend did not finish within ${PSA_BRIDGE_TEST_TIMEOUT:-40m}; the last test started above is the one that stalled" >&2
  fi
  [ "$status" -ne 0 ] && exit "$status"
done
unset PSA_BRIDGE_TEST_POSTGRES

# The console's browser test runs with the whole suite (not with a filtered run): headless
# Chromium through Selenium against the fleet on the sandbox with 10,000 companies.
if [ $# -eq 0 ] || [ "${PSA_BRIDGE_BROWSER_TEST:-}" = 1 ]; then
  echo "==> browser test of the admin console"
  timeout --signal=TERM --kill-after=30s "${PSA_BRIDGE_BROWSER_TEST_TIMEOUT:-15m}" bash scripts/browser-test.sh || status=$?
fi
exit "$status"
