#!/usr/bin/env bash
# The whole suite at the calendar's edges, with the system clock itself moved by faketime: the
# tests fix the moments they need, so each run must pass whatever the date.
#   2026-12-31 23:59 in Shanghai   New Year's Eve, a minute before midnight
#   2027-01-01 00:30 in Shanghai   New Year's night, when UTC is still on 31 December
#   2027-01-20                     a working day of the new year
#   2028-02-29                     the leap day
# and once on the real date. usage: scripts/check-any-date.sh [pytest arguments]
# (root installs faketime when it is missing: scripts/system-packages.sh check)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh check
make --no-print-directory .venv/.installed-stamp resources/i18n/zonedesk_zh_CN.qm >/dev/null

run_at() {  # $1: a moment in UTC for faketime, "" for the real clock; $2: what it is
  local began=$SECONDS
  echo "== $2"
  if [ -n "$1" ]; then
    TZ=UTC QT_QPA_PLATFORM=offscreen faketime -f "@$1" \
      .venv/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/benchmarks "${@:3}" tests | tail -1
  else
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider \
      --ignore=tests/benchmarks "${@:3}" tests | tail -1
  fi
  local status=${PIPESTATUS[0]}
  echo "   ($((SECONDS - began)) s)"
  return "$status"
}

failed=0
run_at "2026-12-31 15:59:00" "2026-12-31 23:59 +08:00" "$@" || failed=1
run_at "2026-12-31 16:30:00" "2027-01-01 00:30 +08:00" "$@" || failed=1
run_at "2027-01-20 02:00:00" "2027-01-20 10:00 +08:00" "$@" || failed=1
run_at "2028-02-29 04:00:00" "2028-02-29 12:00 +08:00" "$@" || failed=1
run_at "" "the real date, $(date -u +%Y-%m-%d)" "$@" || failed=1
exit $failed
