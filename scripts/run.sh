#!/usr/bin/env bash
# The run command: brings up the local fleet against the sandbox, on a private RabbitMQ node
# (loopback, own node name, port and data folder) and a SQLite state file, triggers a sync,
# starts the admin console, and ends by printing `bridgectl status` and the console's URL.
#
#   scripts/run.sh [--instances N] [--hosts N] [--postgres] [--keep] [--release]
#
# --instances N  workers of each kind to start per host (default 1; they compete for the same queues)
# --hosts N      N full sets of workers (scheduler included), each in its own folder
#                (WORK/host-H) as if on its own host, sharing one broker and one PostgreSQL
#                state; implies --postgres
# --postgres     keep the state on a private PostgreSQL cluster (loopback, own port and data
#                folder) instead of a SQLite file
# --keep         leave the fleet running until Ctrl-C instead of stopping after the summary
# --release      build and run release binaries
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

instances=1 hosts=1 backend=sqlite keep=0 config=debug
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --hosts) hosts=$2; backend=postgres; shift 2 ;;
    --postgres) backend=postgres; shift ;;
    --keep) keep=1; shift ;;
    --release) config=release; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$backend" = postgres ]; then psa_bridge_install_packages postgresql; else psa_bridge_install_packages; fi

echo "==> building ($config)"
# PSA_BRIDGE_SCRATCH_PATH builds in another directory than .build (e.g. to not wait for its lock).
build=(swift build -c "$config")
[ -n "${PSA_BRIDGE_SCRATCH_PATH:-}" ] && build+=(--scratch-path "$PSA_BRIDGE_SCRATCH_PATH")
"${build[@]}"
bin=$("${build[@]}" --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/psa-bridge-run.XXXXXX")
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  deploy/local/broker.sh stop "$work/broker" || true
  [ "$backend" = postgres ] && { deploy/local/postgres.sh stop "$work/postgres" || true; }
  echo "==> stopped; logs and state kept in $work"
}
trap stop_all EXIT

port=$(psa_bridge_free_port)
echo "==> starting a private RabbitMQ node on 127.0.0.1:$port"
export PSA_BRIDGE_AMQP_URL=$(deploy/local/broker.sh start "$work/broker" "$port")
if [ "$backend" = postgres ]; then
  pg_port=$(psa_bridge_free_port)
  echo "==> starting a private PostgreSQL cluster on 127.0.0.1:$pg_port (data in $work/postgres)"
  PSA_BRIDGE_DB=$(deploy/local/postgres.sh start "$work/postgres" "$pg_port" durable)
  export PSA_BRIDGE_DB
else
  export PSA_BRIDGE_DB="$work/state.sqlite"
fi
echo "==> state: $PSA_BRIDGE_DB"
export PSA_BRIDGE_SCHEMAS="$PWD/schemas"
echo "==> starting the sandbox (Acronis, ConnectWise, Autotask) with deploy/fixtures/demo-world.json"
psa_bridge_start_sandbox "$bin" "$work" --seed-file deploy/fixtures/demo-world.json

echo "==> applying settings (the sandbox's addresses; secrets as the credential files it wrote)"
{ psa_bridge_sandbox_connection "$work"; cat <<YAML
features:
  provisioning: true
  billing: true
  tickets: true
usagePeriod: {mode: current-month}
tickets:
  board: Acronis Alerts
  newTicketAfterDays: {enabled: true, days: 1}
  autoClose: {enabled: true, status: Completed}
  alertTypes:
    - {alertType: NoBackupForXDays, type: Backup, subtype: Warning, status: New, priority: Priority 3 - Normal}
    - {alertType: DrStorageHardQuotaExceeds, type: Backup, status: New, priority: Priority 1 - Critical}
    - {alertType: BackupDidNotStart, type: Backup, subtype: Failure, status: New, priority: Priority 2 - High}
    - {alertType: M365ApplicationConsentRequired, type: Security, status: New}
    - {alertType: MachineOffline30, type: Monitoring, status: New}
provisioning:
  autoCreateCustomers: true
  adminFrom: company-name
  activationEmail: onboarding@msp.example
productMappings:
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: workstations}, psaProduct: ACR-WORKSTATIONS}
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: servers}, psaProduct: ACR-SERVERS}
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: vms}, psaProduct: ACR-VMS}
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: mailboxes}, psaProduct: ACR-M365-SEATS}
  - {offeringItem: {application: backup, edition: pck_per_workload, usageName: storage}, psaProduct: ACR-STORAGE-GB, defaultStorage: true}
worker:
  pollSeconds: 10
YAML
} >"$work/settings.yaml"
"$bin/bridgectl" settings apply "$work/settings.yaml"
"$bin/bridgectl" settings show

# Alerts of mapped tenants become tickets (SPEC T1); Cafe Architects LLC (256) stays unmapped, so
# its alert is skipped and counted (T5).
echo "==> mapping demo companies to their tenants"
"$bin/bridgectl" map company 253 --tenant 82914b6c-9599-438b-adfe-7718c57874e1
"$bin/bridgectl" map company 254 --tenant 082a8155-5912-44c0-a9c3-f6077474d52a
"$bin/bridgectl" map company 255 --tenant 9176b948-a2e5-4081-8c64-9100c40b7611
# The demo world's other customers already have tenants of their names: map them too (P5), so
# only Maple Hotel & Sons (260) and Wayne Dental GmbH (261) get new tenants (P4).
for pair in 250:372a24e2-afe5-4569-b8df-379ba864c575 251:8069e5e4-070d-4fb8-be9e-9a073c6e2e45 \
  252:f53b83ad-1164-467d-8b59-34f3d3d2ddfe 257:4cdd6e5b-5f53-4bf9-aa13-7f3a1c64ee74 \
  258:a5ee5b7c-e075-4a1a-a2ab-b772c1709150 259:d982c2af-b3f1-4bdb-9ab2-6051296d94dc; do
  "$bin/bridgectl" map company "${pair%%:*}" --tenant "${pair#*:}" >/dev/null
done
"$bin/bridgectl" companies

# Quotas follow the mapped companies' agreement additions (SPEC P2, P3), and client companies
# with an active line for a mapped product get a customer tenant (P4): the preview first, carried
# out by the provisioner on the manual tick below.
echo "==> bridgectl plan (what the provisioner will do; writes nothing)"
"$bin/bridgectl" plan
# Usage of the mapped tenants goes to their pay-as-you-go additions (SPEC B1-B6): the preview
# first, written by the usage-reporter on the same tick.
echo "==> bridgectl billing preview (what the usage-reporter will write; writes nothing)"
"$bin/bridgectl" billing preview

# Each host runs in its own folder (its logs, its working directory); with one host, WORK itself.
for host in $(seq 1 "$hosts"); do
  if [ "$hosts" -eq 1 ]; then folder=$work prefix=""; else folder="$work/host-$host" prefix="h$host-"; fi
  mkdir -p "$folder"
  echo "==> host $host: starting $instances instance(s) of each worker and one scheduler (logs in $folder)"
  for worker in provisioner usage-reporter alert-consumer ticket-updater; do
    for i in $(seq 1 "$instances"); do
      (cd "$folder" && exec "$bin/$worker" --instance "$prefix$i") >"$folder/$worker@$i.log" 2>&1 &
      pids+=($!)
    done
  done
  (cd "$folder" && exec "$bin/scheduler" --instance "${prefix}1") >"$folder/scheduler@1.log" 2>&1 &
  pids+=($!)
done

# The admin console on a free loopback port, with one operator whose password is in a file
# only this user can read (bridgectl reads it from the file, never from an argument).
console_port=$(psa_bridge_free_port)
(umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(18))' >"$work/console-password")
"$bin/bridgectl" console add-user operator --password-file "$work/console-password"
"$bin/console" --port "$console_port" >"$work/console.log" 2>&1 &
pids+=($!)

sleep 3
echo "==> bridgectl sync now"
"$bin/bridgectl" sync now
sleep 5

echo
echo "==> bridgectl plan (after the tick: nothing left to do)"
"$bin/bridgectl" plan
echo
echo "==> bridgectl billing preview (after the tick: nothing left to write)"
"$bin/bridgectl" billing preview
echo
echo "==> bridgectl status"
"$bin/bridgectl" status
echo
echo "==> admin console: http://127.0.0.1:$console_port/ (operator 'operator', password in $work/console-password)"
grep -q "console listening" "$work/console.log" || { echo "the console did not start; see $work/console.log" >&2; exit 1; }

if [ "$keep" = 1 ]; then
  echo
  echo "fleet running (logs in $work); Ctrl-C stops it"
  echo "  export PSA_BRIDGE_AMQP_URL=$PSA_BRIDGE_AMQP_URL PSA_BRIDGE_DB=$PSA_BRIDGE_DB PSA_BRIDGE_SCHEMAS=$PSA_BRIDGE_SCHEMAS"
  wait
fi
