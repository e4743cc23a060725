# Shared by the bench scripts (sourced after `root`, `console_port` and `gateway_port` are set): tool installation, a
# work folder cleaned up on exit with every started process, waiting for a URL, and starting the product in Release.

require_tools() { # tool...
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "bench: installing $tool (Debian package)"
      apt-get install -y -qq "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
    fi
  done
}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # url [header]
  for _ in $(seq 1 150); do
    if curl -fs -o /dev/null ${2:+-H "$2"} "$1"; then return 0; fi
    sleep 0.2
  done
  echo "bench: $1 did not come up" >&2
  return 1
}

# Starts the built product on the bench ports with its database in the work folder and a fresh admin API token
# ($token); extra settings are NAME=value arguments. Sets product_pid.
start_product() { # [NAME=value]...
  token="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  (
    cd "$work"
    export ASPNETCORE_ENVIRONMENT=Production \
      Database__ConnectionString="Data Source=$work/bench.db" \
      Admin__InitialPassword="Bench-Passw0rd!" \
      Admin__ApiToken="$token" \
      Console__Url="http://127.0.0.1:$console_port" \
      Gateway__Url="http://127.0.0.1:$gateway_port" \
      Logging__LogLevel__Default=Warning
    for setting in "$@"; do export "${setting?}"; done
    exec dotnet "$root/Console/bin/Release/net10.0/ApiManager.Admin.dll" --contentRoot "$root/Console"
  ) >"$work/product.log" 2>&1 &
  pids+=($!)
  product_pid=$!
}
