#!/usr/bin/env bash
# Idle CPU of Vigía against a bare Fyne window, measured the same way: each
# program runs alone under Xvfb (inside its own D-Bus session with a minimal
# StatusNotifier host, so Vigía has a tray to hide in), is left to settle,
# then the CPU time it used (utime + stime from /proc/<pid>/stat) over a
# window of SECONDS is reported as a share of one core.
#
#   scripts/idle-cpu.sh [SECONDS]     (default 60)
#
# Cases: bare Fyne window; Vigía with its window shown (demo database);
# Vigía hidden in the tray (--bandeja). Needs the packages of
# scripts/screenshots.sh plus dbus.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
settle=${SETTLE:-15}
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="$PATH:/usr/local/go/bin"
fi
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v dbus-run-session >/dev/null || need+=(dbus)
command -v xdpyinfo >/dev/null || need+=(x11-utils)
if ((${#need[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -tags migrated_fynedo -o "$work/vigia" .
go build -tags migrated_fynedo -o "$work/barefyne" scripts/barefyne/main.go
go build -o "$work/snwatcher" scripts/snwatcher/main.go
ticks=$(getconf CLK_TCK)

# measure NAME CMD...: prints "NAME: X.XX % of a core"
measure() {
  local name=$1
  shift
  local display=:${VIGIA_XVFB_DISPLAY:-95}
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  local xvfb=$!
  for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  # The program gets a clean environment: its display, its D-Bus session, a
  # fresh home (no saved settings) and the C locale.
  DISPLAY=$display dbus-run-session -- bash -c '
    work=$1; shift
    "$work/snwatcher" >/dev/null & w=$!
    sleep 0.5
    env -i PATH="$PATH" HOME="$work/home" LANG=C.UTF-8 DISPLAY="$DISPLAY" \
      DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" "$@" >"$work/app.log" 2>&1 &
    echo $! >"$work/pid"
    wait $!; kill $w' _ "$work" "$@" &
  local session=$!
  sleep 1
  local pid
  pid=$(cat "$work/pid")
  sleep "$settle"
  local a b
  a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep "$secs"
  b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  kill "$pid" 2>/dev/null || true
  wait "$session" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  awk -v n="$name" -v d="$((b - a))" -v t="$ticks" -v s="$secs" \
    'BEGIN { printf "%-34s %6.2f %% of a core (%d ticks in %d s)\n", n ":", 100 * d / t / s, d, s }'
}

measure "Fyne hello-world window" "$work/barefyne"
measure "Vigía, window shown" "$work/vigia" --demo --db "$work/shown/vigia.db" --addr 127.0.0.1:5598
measure "Vigía, hidden in the tray" "$work/vigia" --demo --bandeja --db "$work/hidden/vigia.db" --addr 127.0.0.1:5597
