#!/usr/bin/env bash
# Priority admission under overload: one protected API on a slow backend (bench/slow_backend.py, DELAY_MS per
# request), the gateway limited to MAX_IN_FLIGHT forwarded requests (Gateway:Admission). Two wrk load generators run
# at the same time against the same API: a priority-0 client with few connections and a priority-9 client with many.
# Printed per client: requests, success rate (2xx), 503 gateway_busy answers, p50 and p99 (of all answers), and the
# gateway's admission refusals per priority from /metrics. Expected: priority 0 near 100% success with low latency,
# priority 9 absorbing the 503s.
#
# Usage: bench/priority.sh   (env: DURATION=15s VIP_CONNECTIONS=8 BULK_CONNECTIONS=128 DELAY_MS=20
#                              MAX_IN_FLIGHT=16 MAX_WAIT_MS=100)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-15s}
vip_connections=${VIP_CONNECTIONS:-8}
bulk_connections=${BULK_CONNECTIONS:-128}
delay_ms=${DELAY_MS:-20}
max_in_flight=${MAX_IN_FLIGHT:-16}
max_wait_ms=${MAX_WAIT_MS:-100}
backend_port=${BACKEND_PORT:-9200}
console_port=${CONSOLE_PORT:-9280}
gateway_port=${GATEWAY_PORT:-9281}

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
require_tools wrk jq

echo "bench: building the product (Release)"
dotnet build -c Release -v q -nologo "$root/Console/Console.csproj" >/dev/null

python3 "$root/bench/slow_backend.py" "$backend_port" "$delay_ms" >"$work/backend.log" 2>&1 &
pids+=($!)
start_product Gateway__Admission__MaxInFlight="$max_in_flight" Gateway__Admission__MaxWaitMs="$max_wait_ms"

wait_for "http://127.0.0.1:$backend_port/ping"
wait_for "http://127.0.0.1:$gateway_port/readyz"

api="http://127.0.0.1:$console_port/admin/api/v1"
auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")
backend_id=$(curl -fs "${auth[@]}" -d "{\"name\":\"slow\",\"protocol\":\"http\",\"host\":\"127.0.0.1\",\"port\":$backend_port}" "$api/backends" | jq -r .id)
api_id=$(curl -fs "${auth[@]}" -d "{\"name\":\"priority\",\"version\":\"v1\",\"displayName\":\"Priority\",\"path\":\"/priority\",\"stripPath\":true,\"methods\":[\"GET\"],\"backendId\":$backend_id,\"status\":\"active\",\"isPublic\":false}" "$api/apis" | jq -r .id)
group_id=$(curl -fs "${auth[@]}" -d '{"name":"priority-group"}' "$api/groups" | jq -r .id)
curl -fs "${auth[@]}" -o /dev/null -d "{\"apiIds\":[$api_id]}" "$api/groups/$group_id/apis"
password="Bench-Client-Pass1"
for client in vip:0 bulk:9; do
  name=${client%%:*}
  priority=${client##*:}
  curl -fs "${auth[@]}" -o /dev/null -d "{\"clientId\":\"$name\",\"clientName\":\"$name\",\"displayName\":\"$name\",\"password\":\"$password\",\"confirmPassword\":\"$password\",\"tpsPerNode\":0,\"priority\":$priority,\"note\":\"priority benchmark\"}" "$api/clients"
  curl -fs "${auth[@]}" -o /dev/null -d "{\"groupIds\":[$group_id]}" "$api/clients/$name/groups"
done
vip_auth="Authorization: Basic $(printf '%s' "vip:$password" | base64 -w0)"
bulk_auth="Authorization: Basic $(printf '%s' "bulk:$password" | base64 -w0)"
url="http://127.0.0.1:$gateway_port/priority/ping"
wait_for "$url" "$vip_auth"
wait_for "$url" "$bulk_auth"

echo "bench: $duration, backend ${delay_ms} ms, MaxInFlight $max_in_flight, MaxWaitMs $max_wait_ms;" \
  "priority 0 with $vip_connections connections, priority 9 with $bulk_connections"
wrk -t1 -c"$vip_connections" -d"$duration" --latency -H "$vip_auth" "$url" >"$work/vip.txt" &
vip_pid=$!
wrk -t1 -c"$bulk_connections" -d"$duration" --latency -H "$bulk_auth" "$url" >"$work/bulk.txt" &
bulk_pid=$!
wait "$vip_pid" "$bulk_pid"

to_ms() { # wrk latency value (e.g. 812.00us, 1.20ms, 1.01s) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
printf '\n%-12s %10s %10s %10s %10s %10s\n' client requests "success" "503s" "p50 ms" "p99 ms"
for name in vip bulk; do
  file="$work/$name.txt"
  total=$(awk '/requests in/ { print $1 }' "$file")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$file")
  non2xx=${non2xx:-0}
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
  label=$([ "$name" = vip ] && echo "priority 0" || echo "priority 9")
  awk -v l="$label" -v t="$total" -v n="$non2xx" -v a="$p50" -v b="$p99" \
    'BEGIN { printf "%-12s %10d %9.1f%% %10d %10.3f %10.3f\n", l, t, t ? 100 * (t - n) / t : 0, n, a, b }'
done
echo
echo "gateway admission refusals (from /metrics):"
curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$console_port/metrics" | grep '^apimanager_gateway_admission_rejected_total' | grep -v ' 0$' || echo "  none"
