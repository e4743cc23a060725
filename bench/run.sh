#!/usr/bin/env bash
# Gateway overhead benchmark: the same small backend called directly, through a bare YARP host (bench/BareYarp),
# and through the product's gateway (Release build, one public API). wrk runs against the three in alternation for
# several rounds; the table shows the median requests/s, p50 and p99 of each, and the ratios product/bare-YARP and
# product/direct. Target: product/bare-YARP >= 0.90. Three more targets call a protected API through the product with
# each credential type whose check runs on every request: HTTP Basic (client password, verification cached),
# X-Api-Key (SHA-256 lookup) and an OAuth access token (JWT signature, registry and use count) — the cost of
# authentication shows as their ratio to the public route. The `full` target runs the whole pipeline on one API: an
# X-Api-Key, the client's TPS/Node and API quota (both counted, never reached), a rate-limiting plugin (second and
# hour windows) and the call log (on by default); target full/product >= 0.85. Each run also prints the CPU time the
# serving process spent per request (utime + stime from /proc/<pid>/stat). Last, `hey` sends a fixed rate of half the
# public route's maximum to the public route and to the full pipeline; the added p99 should stay within 1 ms.
#
# The `upstream` target calls a public API whose backend host names an upstream of three targets (the same backend
# process on three more ports), so its ratio to the public route is the cost of balancing over a pool.
#
# Usage: bench/run.sh            (env: ROUNDS=3 DURATION=10s CONNECTIONS=64 THREADS=2 WARMUP=3s)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-3}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
warmup=${WARMUP:-3s}
backend_port=${BACKEND_PORT:-9100}
pool_ports=(${POOL_PORTS:-9102 9103 9104})
bare_port=${BARE_PORT:-9101}
console_port=${CONSOLE_PORT:-9180}
gateway_port=${GATEWAY_PORT:-9181}

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_tools wrk jq hey

echo "bench: building (Release)"
dotnet build -c Release -v q -nologo "$root/bench/Backend/Backend.csproj" >/dev/null
dotnet build -c Release -v q -nologo "$root/bench/BareYarp/BareYarp.csproj" >/dev/null
dotnet build -c Release -v q -nologo "$root/Console/Console.csproj" >/dev/null

# One backend process listens on the direct port and on the three ports of the upstream's targets, so the single
# backend and the pool compare the gateway's balancing, not different backends.
backend_urls="http://127.0.0.1:$backend_port"
for port in "${pool_ports[@]}"; do backend_urls="$backend_urls;http://127.0.0.1:$port"; done
dotnet "$root/bench/Backend/bin/Release/net10.0/ApiManager.Bench.Backend.dll" --urls "$backend_urls" >"$work/backend.log" 2>&1 &
pids+=($!)
backend_pid=$!
dotnet "$root/bench/BareYarp/bin/Release/net10.0/ApiManager.Bench.BareYarp.dll" "http://127.0.0.1:$backend_port/" --urls "http://127.0.0.1:$bare_port" >"$work/bare.log" 2>&1 &
pids+=($!)
bare_pid=$!
start_product

wait_for "http://127.0.0.1:$backend_port/bench/ping"
wait_for "http://127.0.0.1:$bare_port/bench/ping"
wait_for "http://127.0.0.1:$gateway_port/readyz"

api="http://127.0.0.1:$console_port/admin/api/v1"
auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
backend_id=$(curl -fs "${auth[@]}" -d "{\"name\":\"bench\",\"protocol\":\"http\",\"host\":\"127.0.0.1\",\"port\":$backend_port}" "$api/backends" | sed -E 's/.*"id":([0-9]+).*/\1/')
curl -fs "${auth[@]}" -o /dev/null -d "{\"name\":\"bench\",\"version\":\"v1\",\"displayName\":\"Bench\",\"path\":\"/bench\",\"stripPath\":false,\"methods\":[\"GET\"],\"backendId\":$backend_id,\"status\":\"active\",\"isPublic\":true}" "$api/apis"
wait_for "http://127.0.0.1:$gateway_port/bench/ping"

# A protected API (/secure/bench/ping → backend /bench/ping) in a group held by a client with a password, an
# X-Api-Key and an access token (client_credentials). TPS 0: the benchmark measures authentication, not limits.
secure_id=$(curl -fs "${auth[@]}" -d "{\"name\":\"bench-secure\",\"version\":\"v1\",\"displayName\":\"Bench secure\",\"path\":\"/secure\",\"stripPath\":true,\"methods\":[\"GET\"],\"backendId\":$backend_id,\"status\":\"active\",\"isPublic\":false}" "$api/apis" | jq -r .id)
group_id=$(curl -fs "${auth[@]}" -d '{"name":"bench-group"}' "$api/groups" | jq -r .id)
curl -fs "${auth[@]}" -o /dev/null -d "{\"apiIds\":[$secure_id]}" "$api/groups/$group_id/apis"
client_password="Bench-Client-Pass1"
curl -fs "${auth[@]}" -o /dev/null -d "{\"clientId\":\"bench-client\",\"clientName\":\"bench-client\",\"displayName\":\"Bench\",\"password\":\"$client_password\",\"confirmPassword\":\"$client_password\",\"tpsPerNode\":0,\"note\":\"benchmark\"}" "$api/clients"
curl -fs "${auth[@]}" -o /dev/null -d "{\"groupIds\":[$group_id]}" "$api/clients/bench-client/groups"
expiry=$(date -u -d '+30 days' +%F)
x_api_key=$(curl -fs "${auth[@]}" -d "{\"alias\":\"bench\",\"expiryDate\":\"$expiry\",\"groupIds\":[$group_id]}" "$api/clients/bench-client/x-api-keys" | jq -r .key)
basic=$(printf '%s' "bench-client:$client_password" | base64 -w0)
wait_for_auth() { # header
  for _ in $(seq 1 150); do
    if curl -fs -o /dev/null -H "$1" "http://127.0.0.1:$gateway_port/secure/bench/ping"; then return 0; fi
    sleep 0.2
  done
  echo "bench: the protected API did not accept $1" >&2
  return 1
}
wait_for_auth "Authorization: Basic $basic"
access_token=$(curl -fs -u "bench-client:$client_password" -d grant_type=client_credentials "http://127.0.0.1:$gateway_port/oauth/token" | jq -r .access_token)
wait_for_auth "Authorization: Bearer $access_token"
wait_for_auth "X-Api-Key: $x_api_key"

# The full pipeline: /full/bench/ping for a client with an X-Api-Key, TPS/Node and an API quota far above what the run
# sends (so both are counted on every call but never refuse), a rate-limiting plugin on the API and the call log.
full_id=$(curl -fs "${auth[@]}" -d "{\"name\":\"bench-full\",\"version\":\"v1\",\"displayName\":\"Bench full\",\"path\":\"/full\",\"stripPath\":true,\"methods\":[\"GET\"],\"backendId\":$backend_id,\"status\":\"active\",\"isPublic\":false}" "$api/apis" | jq -r .id)
full_group=$(curl -fs "${auth[@]}" -d '{"name":"bench-full-group"}' "$api/groups" | jq -r .id)
curl -fs "${auth[@]}" -o /dev/null -d "{\"apiIds\":[$full_id]}" "$api/groups/$full_group/apis"
curl -fs "${auth[@]}" -o /dev/null -d "{\"clientId\":\"bench-full\",\"clientName\":\"bench-full\",\"displayName\":\"Bench full\",\"password\":\"$client_password\",\"confirmPassword\":\"$client_password\",\"tpsPerNode\":10000000,\"apiQuota\":1000000000000,\"quotaResetPeriod\":\"daily\",\"note\":\"benchmark\"}" "$api/clients"
curl -fs "${auth[@]}" -o /dev/null -d "{\"groupIds\":[$full_group]}" "$api/clients/bench-full/groups"
full_key=$(curl -fs "${auth[@]}" -d "{\"alias\":\"bench\",\"expiryDate\":\"$expiry\",\"groupIds\":[$full_group]}" "$api/clients/bench-full/x-api-keys" | jq -r .key)
curl -fs "${auth[@]}" -o /dev/null -d "{\"type\":\"rate-limiting\",\"scope\":\"api\",\"targetId\":$full_id,\"configuration\":{\"second\":10000000,\"hour\":1000000000}}" "$api/plugins"
full="http://127.0.0.1:$gateway_port/full/bench/ping?x=1"
wait_for_full() {
  for _ in $(seq 1 150); do
    if curl -fs -D "$work/full.headers" -o /dev/null -H "X-Api-Key: $full_key" "$full" && grep -qi '^X-RateLimit-Limit-Second' "$work/full.headers"; then return 0; fi
    sleep 0.2
  done
  echo "bench: the full-pipeline API did not come up with its rate-limiting plugin" >&2
  return 1
}
wait_for_full

# An upstream with three targets (weighted round-robin, equal weights) behind a public API: /pool/bench/ping. Its
# ratio to the public route (one backend address) is the cost of balancing over a pool.
curl -fs "${auth[@]}" -o /dev/null -d '{"name":"bench-pool","algorithm":"round-robin"}' "$api/upstreams"
for port in "${pool_ports[@]}"; do
  curl -fs "${auth[@]}" -o /dev/null -d "{\"target\":\"127.0.0.1:$port\",\"weight\":100}" "$api/upstreams/bench-pool/targets"
done
pool_backend=$(curl -fs "${auth[@]}" -d '{"name":"bench-pool","protocol":"http","host":"bench-pool","port":80}' "$api/backends" | jq -r .id)
curl -fs "${auth[@]}" -o /dev/null -d "{\"name\":\"bench-pool\",\"version\":\"v1\",\"displayName\":\"Bench pool\",\"path\":\"/pool\",\"stripPath\":true,\"methods\":[\"GET\"],\"backendId\":$pool_backend,\"status\":\"active\",\"isPublic\":true}" "$api/apis"
wait_for "http://127.0.0.1:$gateway_port/pool/bench/ping"

secure="http://127.0.0.1:$gateway_port/secure/bench/ping?x=1"
declare -A urls=(
  [direct]="http://127.0.0.1:$backend_port/bench/ping?x=1"
  [bare-yarp]="http://127.0.0.1:$bare_port/bench/ping?x=1"
  [product]="http://127.0.0.1:$gateway_port/bench/ping?x=1"
  [basic]="$secure"
  [x-api-key]="$secure"
  [bearer]="$secure"
  [full]="$full"
  [upstream]="http://127.0.0.1:$gateway_port/pool/bench/ping?x=1"
)
declare -A headers=(
  [direct]="X-Bench: 1"
  [bare-yarp]="X-Bench: 1"
  [product]="X-Bench: 1"
  [basic]="Authorization: Basic $basic"
  [x-api-key]="X-Api-Key: $x_api_key"
  [bearer]="Authorization: Bearer $access_token"
  [full]="X-Api-Key: $full_key"
  [upstream]="X-Bench: 1"
)
order=(direct bare-yarp product full upstream basic x-api-key bearer)
declare -A serving_pid=([direct]=$backend_pid [bare-yarp]=$bare_pid)
clk_tck=$(getconf CLK_TCK)
cpu_ticks() { # pid -> utime + stime in clock ticks (fields 14 and 15 of /proc/<pid>/stat; the name in field 2 has no spaces here)
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

to_ms() { # wrk latency value (e.g. 812.00us, 1.20ms, 1.01s) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

echo "bench: warm-up ($warmup each)"
for name in "${order[@]}"; do wrk -t"$threads" -c"$connections" -d"$warmup" -H "${headers[$name]}" "${urls[$name]}" >/dev/null; done

for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    pid=${serving_pid[$name]:-$product_pid}
    cpu_before=$(cpu_ticks "$pid")
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "${headers[$name]}" "${urls[$name]}" >"$work/wrk.txt"
    cpu_after=$(cpu_ticks "$pid")
    requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
    cpu_us=$(awk -v a="$cpu_before" -v b="$cpu_after" -v t="$clk_tck" -v n="$requests" 'BEGIN { printf "%.1f", (b - a) * 1000000 / t / n }')
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk.txt")
    echo "$name $rps $p50 $p99 ${non2xx:-0} $cpu_us" >>"$work/results.txt"
    printf 'round %d  %-10s %10.0f req/s  p50 %7.3f ms  p99 %7.3f ms  cpu %6.1f us/req  non-2xx %s\n' "$round" "$name" "$rps" "$p50" "$p99" "$cpu_us" "${non2xx:-0}"
  done
done

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo
printf '%-10s %12s %10s %10s %12s\n' target "req/s" "p50 ms" "p99 ms" "cpu us/req"
declare -A rps_median
for name in "${order[@]}"; do
  r=$(awk -v n="$name" '$1 == n { print $2 }' "$work/results.txt" | median)
  p50=$(awk -v n="$name" '$1 == n { print $3 }' "$work/results.txt" | median)
  p99=$(awk -v n="$name" '$1 == n { print $4 }' "$work/results.txt" | median)
  cpu=$(awk -v n="$name" '$1 == n { print $6 }' "$work/results.txt" | median)
  rps_median[$name]=$r
  printf '%-10s %12.0f %10.3f %10.3f %12.1f\n' "$name" "$r" "$p50" "$p99" "$cpu"
done
awk -v p="${rps_median[product]}" -v b="${rps_median[bare-yarp]}" -v d="${rps_median[direct]}" \
  'BEGIN { printf "\nproduct/bare-yarp = %.3f   product/direct = %.3f   (target product/bare-yarp >= 0.90)\n", p / b, p / d }'
for name in basic x-api-key bearer; do
  awk -v n="$name" -v r="${rps_median[$name]}" -v p="${rps_median[product]}" -v b="${rps_median[bare-yarp]}" \
    'BEGIN { printf "%s/product = %.3f   %s/bare-yarp = %.3f\n", n, r / p, n, r / b }'
done
# The machine's speed drifts between rounds (shared cores), so the full pipeline is also compared with the public
# route run just before it in the same round; the median of those paired ratios is the steadier figure.
paired=$(awk '$1 == "product" { p = $2 } $1 == "full" { print $2 / p }' "$work/results.txt" | median)
awk -v f="${rps_median[full]}" -v p="${rps_median[product]}" -v r="$paired" \
  'BEGIN { printf "full/product = %.3f of medians, %.3f median of per-round pairs   (target >= 0.85: key auth, TPS, quota, rate-limiting plugin, call log)\n", f / p, r }'
pool_paired=$(awk '$1 == "product" { p = $2 } $1 == "upstream" { print $2 / p }' "$work/results.txt" | median)
awk -v u="${rps_median[upstream]}" -v p="${rps_median[product]}" -v r="$pool_paired" \
  'BEGIN { printf "upstream/product = %.3f of medians, %.3f median of per-round pairs   (upstream of 3 targets vs a single backend)\n", u / p, r }'

# p99 at a fixed rate of half the public route's maximum: hey with -q (per worker) × -c workers.
hey_workers=32
half=$(awk -v p="${rps_median[product]}" 'BEGIN { printf "%d", p / 2 }')
per_worker=$(( half / hey_workers ))
echo
echo "bench: fixed rate $((per_worker * hey_workers)) req/s (half the public maximum), $duration each"
hey_p99() { # name -> "rps p99-ms cpu-us"
  local name=$1 before after
  before=$(cpu_ticks "$product_pid")
  hey -z "$duration" -c "$hey_workers" -q "$per_worker" -H "${headers[$name]}" "${urls[$name]}" >"$work/hey.txt"
  after=$(cpu_ticks "$product_pid")
  awk -v a="$before" -v b="$after" -v t="$clk_tck" '
    /Requests\/sec:/ { rps = $2 }
    / 99%% in / || / 99% in / { p99 = $3 * 1000 }
    /^  \[2[0-9][0-9]\]/ { ok += $2 }
    END { printf "%.0f %.3f %.1f %d\n", rps, p99, (b - a) * 1000000 / t / (ok > 0 ? ok : 1), ok }' "$work/hey.txt"
}
read -r public_rate public_p99 public_cpu public_ok <<<"$(hey_p99 product)"
read -r full_rate full_p99 full_cpu full_ok <<<"$(hey_p99 full)"
printf '%-10s %10s req/s  p99 %7.3f ms  cpu %6.1f us/req  2xx %s\n' product "$public_rate" "$public_p99" "$public_cpu" "$public_ok"
printf '%-10s %10s req/s  p99 %7.3f ms  cpu %6.1f us/req  2xx %s\n' full "$full_rate" "$full_p99" "$full_cpu" "$full_ok"
awk -v f="$full_p99" -v p="$public_p99" 'BEGIN { printf "full pipeline adds %.3f ms to p99 at this rate (target <= 1 ms)\n", f - p }'
