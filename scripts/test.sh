#!/usr/bin/env bash
# The test command: installs what the tests need, starts a private RabbitMQ node on loopback
# (own node name, port and data folder under a temporary directory), runs `swift test` against
# it, and stops the node again. Tests that need the broker read PSA_BRIDGE_TEST_AMQP_URL and
# fail (never skip) when they cannot reach it.
#
#   scripts/test.sh [extra swift test arguments, e.g. --filter BridgeRulesTests]
#
# Without arguments it then runs the admin console's browser test (scripts/browser-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

psa_bridge_install_packages

work=$(mktemp -d "${TMPDIR:-/tmp}/psa-bridge-test.XXXXXX")
port=$(psa_bridge_free_port)
cleanup() {
  deploy/local/broker.sh stop "$work/broker" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> starting a private RabbitMQ node on 127.0.0.1:$port (data in $work/broker)"
PSA_BRIDGE_TEST_AMQP_URL=$(deploy/local/broker.sh start "$work/broker" "$port")
export PSA_BRIDGE_TEST_AMQP_URL
export PSA_BRIDGE_SCHEMAS="$PWD/schemas"

echo "==> building"
swift build --build-tests
echo "==> testing"
# A run that stalls is stopped with the tests' output so far, well inside CI's own limit.
status=0
timeout --signal=TERM --kill-after=60s "${PSA_BRIDGE_TEST_TIMEOUT:-60m}" swift test --skip-build "$@" || status=$?
if [ "$status" -eq 124 ]; then
  echo "error: swift test did not finish within ${PSA_BRIDGE_TEST_TIMEOUT:-60m}; the last test started above is the one that stalled" >&2
fi
[ "$status" -ne 0 ] && exit "$status"

# The console's browser test runs with the whole suite (not with a filtered run): headless
# Chromium through Selenium against the fleet on the sandbox with 10,000 companies.
if [ $# -eq 0 ] || [ "${PSA_BRIDGE_BROWSER_TEST:-}" = 1 ]; then
  echo "==> browser test of the admin console"
  timeout --signal=TERM --kill-after=30s "${PSA_BRIDGE_BROWSER_TEST_TIMEOUT:-15m}" bash scripts/browser-test.sh || status=$?
fi
exit "$status"
