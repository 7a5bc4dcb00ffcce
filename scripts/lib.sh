# Shared helpers for the project's scripts. Sourced, not run.

# Installs the Debian packages the project needs, running `apt-get update` once and only when
# something is missing.
# Extra package names (e.g. chromium) are installed too.
psa_bridge_install_packages() {
  local wanted=(rabbitmq-server librabbitmq-dev zlib1g-dev libsqlite3-dev libcurl4-openssl-dev openssl pkg-config "$@")
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    # policy-rc.d may refuse to start the system broker; the project starts its own node anyway.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Picks a free TCP port on 127.0.0.1 whose +10000 and +20000 neighbours (epmd and Erlang
# distribution for broker.sh) are free too, all three below Linux's ephemeral range (from 32768),
# so an outgoing connection cannot take one of them while the broker is down for a restart.
psa_bridge_free_port() {
  python3 - <<'PY'
import random, socket
def free(p):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); return True
    except OSError:
        return False
    finally:
        s.close()
for _ in range(200):
    p = random.randint(10000, 12700)
    if free(p) and free(p + 10000) and free(p + 20000):
        print(p); break
PY
}

# Starts the sandbox (BIN/sandbox) on three free loopback ports with the given world options
# (e.g. --seed-file FILE), logging to WORK/sandbox.log and writing the credentials it accepts
# into WORK/credentials (one file each, mode 0600). Sets SANDBOX_PORT (Acronis; ConnectWise and
# Autotask follow it) and appends the sandbox's pid to the caller's `pids` array.
#   psa_bridge_start_sandbox BIN WORK [sandbox options...]
psa_bridge_start_sandbox() {
  local bin=$1 work=$2
  shift 2
  SANDBOX_PORT=$(psa_bridge_free_port)
  "$bin/sandbox" --acronis "127.0.0.1:$SANDBOX_PORT" --connectwise "127.0.0.1:$((SANDBOX_PORT + 1))" \
    --autotask "127.0.0.1:$((SANDBOX_PORT + 2))" --credentials-dir "$work/credentials" "$@" >"$work/sandbox.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q '^autotask ' "$work/sandbox.log" 2>/dev/null && break; sleep 0.1; done
  grep -q '^autotask ' "$work/sandbox.log" || { echo "the sandbox did not start:" >&2; cat "$work/sandbox.log" >&2; return 1; }
}

# The settings' connection block for the sandbox psa_bridge_start_sandbox started (ConnectWise),
# its secrets named as the credential files it wrote.
#   psa_bridge_sandbox_connection WORK
psa_bridge_sandbox_connection() {
  local credentials=$1/credentials
  cat <<YAML
connection:
  psa:
    connectwise:
      site: 127.0.0.1:$((SANDBOX_PORT + 1))
      company: sandbox
      clientId: 2b6e4c1a-9f7d-4e3b-8a55-0c1d2e3f4a5b
      publicKey: {file: $credentials/connectwise-public-key}
      privateKey: {file: $credentials/connectwise-private-key}
  cloud:
    datacenterUrl: http://127.0.0.1:$SANDBOX_PORT
    clientId: sandbox-client
    clientSecret: {file: $credentials/acronis-client-secret}
YAML
}
