#!/usr/bin/env bash
# Screenshots of every tab of the real Vigía, for the README, on a 1366x768
# screen (the usual laptop): builds the desktop app and runs it under Xvfb
# twice, with its window filling the screen.
#
#  - On a new database, as a new user first sees it: docs/img/vacio-<n>-<tab>.png,
#    and the «Nuevo trigger» editor over it: docs/img/vacio-6-nuevo-trigger.png.
#  - On a new demo database (--demo), after one digest of two seed triggers so
#    Inicio and Historial show runs: docs/img/<n>-<tab>.png.
#
# Each tab is opened with its keyboard shortcut (Ctrl+1 … Ctrl+5).
#
#   scripts/screenshots.sh [OUT_DIR]     (default docs/img)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/img}
mkdir -p "$out"

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
command -v curl >/dev/null || need+=(curl)
dpkg -s libgl1-mesa-dev >/dev/null 2>&1 || need+=(libgl1-mesa-dev)
dpkg -s xorg-dev >/dev/null 2>&1 || need+=(xorg-dev)
if ((${#need[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="$PATH:/usr/local/go/bin"
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

go build -tags migrated_fynedo -o "$work/vigia" .

display=:${VIGIA_XVFB_DISPLAY:-97}
width=1366 height=768
Xvfb "$display" -screen 0 ${width}x${height}x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

tabs=(inicio triggers alertas historial configuracion)
addr=127.0.0.1:${VIGIA_SCREENSHOT_PORT:-5599}

# shoot PREFIX [--demo]: runs Vigía on a new database, saves each tab as
# $out/PREFIX<n>-<tab>.png, and stops it.
shoot() {
  local prefix=$1 demo=${2:-} data="$work/data${2:-}"
  # Spanish interface whatever the machine says; no SMTP: digests go to the outbox.
  env -i PATH="$PATH" HOME="$work/home" DISPLAY="$DISPLAY" LANG=C.UTF-8 \
    "$work/vigia" $demo --db "$data/vigia.db" --addr "$addr" >"$data.log" 2>&1 &
  local vigia=$!
  pids+=($vigia)
  for _ in $(seq 100); do curl -fs "http://$addr/api/salud" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "http://$addr/api/salud" >/dev/null || { cat "$data.log"; exit 1; }
  if [ -n "$demo" ]; then
    local token
    token=$(cat "$data/api-token")
    for id in 1 2; do
      curl -fs -X POST -H "Authorization: Bearer $token" "http://$addr/api/triggers/$id/ejecutar" >/dev/null
    done
  fi
  wid=$(xdotool search --sync --name '^Vigía$' | head -1)
  xdotool windowsize "$wid" "$width" "$height" windowmove "$wid" 0 0
  sleep 2
  for i in "${!tabs[@]}"; do
    xdotool windowfocus --sync "$wid" key --clearmodifiers "ctrl+$((i + 1))"
    sleep 1.5
    import -window "$wid" "$out/${prefix}$((i + 1))-${tabs[$i]}.png"
    echo "$out/${prefix}$((i + 1))-${tabs[$i]}.png"
  done
  if [ -z "$demo" ]; then
    # «Nuevo», the first button of Triggers, then the editor it opens
    xdotool windowfocus --sync "$wid" key --clearmodifiers ctrl+2
    sleep 1
    xdotool mousemove --window "$wid" 46 61 click 1
    sleep 1.5
    import -window "$wid" "$out/${prefix}6-nuevo-trigger.png"
    echo "$out/${prefix}6-nuevo-trigger.png"
  fi
  kill "$vigia"
  wait "$vigia" 2>/dev/null || true
}

shoot vacio-
shoot "" --demo
