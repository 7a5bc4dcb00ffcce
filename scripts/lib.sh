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
# distribution for broker.sh) are free too.
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
    p = random.randint(20000, 40000)
    if free(p) and free(p + 10000) and free(p + 20000):
        print(p); break
PY
}
