#!/usr/bin/env bash
# The admin console's browser test: headless Chromium driven by Selenium (Tests/browser), against
# the fleet on the sandbox with 10,000 ConnectWise companies, a private RabbitMQ node and SQLite.
# Installs chromium, chromium-driver and python3-venv from Debian and Selenium from PyPI (into a
# virtual environment of its own). Screenshots of each tab go to .build/browser-test/screenshots.
#
#   scripts/browser-test.sh        (scripts/test.sh runs it after swift test)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

psa_bridge_install_packages chromium chromium-driver python3-venv

out="$PWD/.build/browser-test"
rm -rf "$out" && mkdir -p "$out/screenshots"
venv="$PWD/.build/browser-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import selenium' 2>/dev/null; then
  echo "==> installing Selenium into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q selenium
fi

echo "==> building"
swift build
bin=$(swift build --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/psa-bridge-browser.XXXXXX")
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  deploy/local/broker.sh stop "$work/broker" || true
  cp "$work"/*.log "$out/" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_all EXIT

port=$(psa_bridge_free_port)
echo "==> starting a private RabbitMQ node on 127.0.0.1:$port"
export PSA_BRIDGE_AMQP_URL=$(deploy/local/broker.sh start "$work/broker" "$port")
export PSA_BRIDGE_DB="$work/state.sqlite"
export PSA_BRIDGE_SCHEMAS="$PWD/schemas"

echo "==> generating a world of 10,000 ConnectWise companies; one gets a hostile name"
"$bin/sandbox" --generate --companies 10000 --tenants 0 --alerts 0 --random-seed 7 --write-world "$work/world.json" >/dev/null
export HOSTILE_NAME="<script>alert(1)</script> & \"Co\" 'x'"
export TARGET_COMPANY_NAME=$(python3 - "$work/world.json" <<'PY'
import json, os, sys
path = sys.argv[1]
world = json.load(open(path))
companies = world["connectwise"]["companies"]
names = {}
for company in companies:
    names[company["name"]] = names.get(company["name"], 0) + 1
companies[3]["name"] = os.environ["HOSTILE_NAME"]
target = next(c["name"] for c in companies[10:] if names[c["name"]] == 1 and "Client" in [t["name"] for t in c.get("types", [])])
json.dump(world, open(path, "w"))
print(target)
PY
)

psa_bridge_start_sandbox "$bin" "$work" --seed-file "$work/world.json"

{ psa_bridge_sandbox_connection "$work"; cat <<YAML
features:
  provisioning: true
  billing: false
  tickets: true
tickets:
  board: Acronis Alerts
  autoClose: {enabled: true, status: Completed}
  alertTypes:
    - {alertType: NoBackupForXDays, type: Backup, subtype: Warning, status: New, priority: Priority 3 - Normal}
provisioning:
  adminFrom: company-name
  activationEmail: onboarding@msp.example
productMappings:
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: workstations}, psaProduct: ACR-WORKSTATIONS}
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: storage}, psaProduct: ACR-STORAGE-GB, defaultStorage: true}
worker:
  pollSeconds: 10
YAML
} >"$work/settings.yaml"
"$bin/bridgectl" settings apply "$work/settings.yaml" >/dev/null
(umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(18))' >"$work/console-password")
"$bin/bridgectl" console add-user operator --password-file "$work/console-password"

echo "==> starting the workers and the console"
for worker in provisioner alert-consumer ticket-updater; do
  "$bin/$worker" --instance 1 >"$work/$worker.log" 2>&1 &
  pids+=($!)
done
console_port=$(psa_bridge_free_port)
"$bin/console" --port "$console_port" >"$work/console.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "console listening" "$work/console.log" 2>/dev/null && break; sleep 0.2; done
grep -q "console listening" "$work/console.log" || { echo "the console did not start:" >&2; cat "$work/console.log" >&2; exit 1; }

echo "==> a tick records the 10,000 companies the console lists"
sleep 2
"$bin/bridgectl" sync now >/dev/null
for _ in $(seq 1 300); do
  grep -q "provisioning tick:" "$work/provisioner.log" 2>/dev/null && break
  sleep 1
done
grep "provisioning tick:" "$work/provisioner.log" | tail -1 | sed 's/.*provisioning tick:/provisioning tick:/'

echo "==> driving the console in headless Chromium"
CONSOLE_URL="http://127.0.0.1:$console_port" CONSOLE_USER=operator CONSOLE_PASSWORD_FILE="$work/console-password" \
  BRIDGECTL="$bin/bridgectl" SANDBOX_ACRONIS="http://127.0.0.1:$SANDBOX_PORT" \
  SANDBOX_CONNECTWISE="http://127.0.0.1:$((SANDBOX_PORT + 1))" SCREENSHOTS="$out/screenshots" \
  "$venv/bin/python" Tests/browser/console_browser_test.py
