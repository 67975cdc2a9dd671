#!/usr/bin/env bash
# Screenshots of every tab of the real Vigía, for the README: builds the
# desktop app, runs it under Xvfb on a new demo database (--demo), sends one
# digest so the history is not empty, opens each tab with its keyboard
# shortcut (Ctrl+1 … Ctrl+5) and saves docs/img/<n>-<tab>.png.
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
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

addr=127.0.0.1:5599
# Spanish interface whatever the machine says; no SMTP: digests go to the outbox.
env -i PATH="$PATH" HOME="$work/home" DISPLAY="$DISPLAY" LANG=C.UTF-8 \
  "$work/vigia" --demo --db "$work/data/vigia.db" --addr "$addr" >"$work/vigia.log" 2>&1 &
pids+=($!)

for _ in $(seq 100); do curl -fs "http://$addr/api/salud" >/dev/null 2>&1 && break; sleep 0.2; done
token=$(cat "$work/data/api-token")
# One digest of each seed trigger, so Inicio and Historial show real runs.
for id in 1 2; do
  curl -fs -X POST -H "Authorization: Bearer $token" "http://$addr/api/triggers/$id/ejecutar" >/dev/null
done

wid=$(xdotool search --sync --name '^Vigía$' | head -1)
xdotool windowsize "$wid" 1280 800 windowmove "$wid" 0 0
sleep 2
tabs=(inicio triggers alertas historial configuracion)
for i in "${!tabs[@]}"; do
  xdotool windowfocus --sync "$wid" key --clearmodifiers "ctrl+$((i + 1))"
  sleep 1.5
  import -window "$wid" "$out/$((i + 1))-${tabs[$i]}.png"
  echo "$out/$((i + 1))-${tabs[$i]}.png"
done
