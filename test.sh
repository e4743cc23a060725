#!/usr/bin/env bash
# Runs every test project of ApiManager and ends with one line "N passed, N failed".
# Installs what the tests need when missing (Debian packages: chromium, python3-aiosmtpd, jq, openssl, curl,
# nodejs/npm; npm ci for the OAuth node client test), builds with warnings as
# errors, then runs Gateway.Core.Tests and Console.Tests. No test is skipped for a missing tool: a missing tool that
# cannot be installed fails the run.
set -uo pipefail
cd "$(dirname "$0")"
configuration=${CONFIGURATION:-Release}

log() { printf '[test.sh] %s\n' "$*"; }

install_packages() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  log "installing Debian packages: $*"
  if ! $sudo apt-get install -y -qq "$@" >/dev/null 2>&1; then
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    $sudo apt-get install -y -qq "$@" >/dev/null || { log "could not install: $* (the tests need them)"; exit 1; }
  fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# The README's DGRK signing example is run by a test.
for tool in jq openssl curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then install_packages "${missing[@]}"; fi
[ -x /usr/bin/chromium ] || { log "chromium is still missing"; exit 1; }
/usr/bin/python3 -c 'import aiosmtpd' || { log "python3-aiosmtpd is still missing"; exit 1; }
for tool in jq openssl curl; do command -v "$tool" >/dev/null 2>&1 || { log "$tool is still missing"; exit 1; }; done

# The OAuth third-party client test runs openid-client + jose on Node 20 or newer.
node_major() { node -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 || [ "$(node_major)" -lt 20 ]; then
  install_packages nodejs npm
fi
if ! command -v node >/dev/null 2>&1 || [ "$(node_major)" -lt 20 ]; then
  log "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))"
  exit 1
fi
log "installing the OAuth node client test's packages (npm ci)"
if ! (cd Gateway.Core.Tests/OAuth/NodeClient && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  log "npm ci failed in Gateway.Core.Tests/OAuth/NodeClient"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log "building ApiManager.sln ($configuration, warnings as errors)"
if ! dotnet build ApiManager.sln -c "$configuration" -warnaserror -nologo -v q; then
  log "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
skipped=0
status=0
for project in Gateway.Core.Tests Console.Tests; do
  log "running $project"
  out=$(mktemp)
  dotnet test --project "$project" -c "$configuration" --no-build 2>&1 | tee "$out"
  code=${PIPESTATUS[0]}
  total_p=$(grep -E '^\s*total:\s*[0-9]+' "$out" | tail -1 | grep -Eo '[0-9]+' || true)
  failed_p=$(grep -E '^\s*failed:\s*[0-9]+' "$out" | tail -1 | grep -Eo '[0-9]+' || true)
  succeeded_p=$(grep -E '^\s*succeeded:\s*[0-9]+' "$out" | tail -1 | grep -Eo '[0-9]+' || true)
  skipped_p=$(grep -E '^\s*skipped:\s*[0-9]+' "$out" | tail -1 | grep -Eo '[0-9]+' || true)
  rm -f "$out"
  if [ -z "$total_p" ] || [ -z "$succeeded_p" ]; then
    log "$project: no test summary found (runner exit code $code)"
    failed=$((failed + 1))
    status=1
    continue
  fi
  passed=$((passed + succeeded_p))
  failed=$((failed + ${failed_p:-0}))
  skipped=$((skipped + ${skipped_p:-0}))
  if [ "$code" -ne 0 ] || [ "${failed_p:-0}" -ne 0 ] || [ "$total_p" -eq 0 ]; then status=1; fi
done

if [ "$skipped" -ne 0 ]; then
  log "$skipped test(s) were skipped: every test must run"
  failed=$((failed + skipped))
  status=1
fi
echo "$passed passed, $failed failed"
exit $status
