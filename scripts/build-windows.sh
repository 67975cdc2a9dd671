#!/usr/bin/env bash
# Cross-builds the Windows GUI of Vigía from Linux with MinGW-w64 (Fyne needs
# cgo): a windowsgui .exe (no console window) with the icon, the version of
# FyneApp.toml and the manifest of winres/ embedded.
#
# Usage: scripts/build-windows.sh [OUT]     (default: dist/vigia.exe; a
# Windows path such as C:/ruta/vigia.exe only under WSL)
#
# Installs gcc-mingw-w64-x86-64 with apt when the compiler is missing. The
# first build compiles GLFW and takes several minutes; later ones are cached.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/dist/vigia.exe}"
# A Windows path (C:/ruta or C:\ruta) means nothing to Linux: realpath would
# make it ./C:/ruta. Under WSL, wslpath turns it into /mnt/c/ruta.
if [[ "$out" =~ ^[A-Za-z]:[\\/] ]]; then
	if command -v wslpath >/dev/null; then
		out="$(wslpath -u "$out")"
	else
		echo "ERROR: «$out» es una ruta de Windows; en Linux indique una ruta de Linux (en WSL, /mnt/c/...)" >&2
		exit 2
	fi
fi
out="$(realpath -m "$out")" # OUT is relative to the caller's directory
cd "$root"

cc=x86_64-w64-mingw32-gcc
windres=x86_64-w64-mingw32-windres
if ! command -v "$cc" >/dev/null || ! command -v "$windres" >/dev/null; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		sudo=sudo
	fi
	echo "Instalando MinGW-w64 (gcc-mingw-w64-x86-64)..."
	$sudo apt-get update
	$sudo apt-get install -y gcc-mingw-w64-x86-64
fi
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	PATH="$PATH:/usr/local/go/bin"
fi

# toml_detail KEY prints the value of KEY in the [Details] table of FyneApp.toml.
toml_detail() {
	sed -n '/^\[Details\]/,/^\[/ s/^[[:space:]]*'"$1"'[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' FyneApp.toml | head -n 1
}
version="$(toml_detail Version)"
build="$(toml_detail Build)"
if ! [[ "$version" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]]; then
	echo "ERROR: FyneApp.toml: Version debe ser X.Y.Z, es \"$version\"" >&2
	exit 1
fi
major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}" patch="${BASH_REMATCH[3]}"
if ! [[ "$build" =~ ^[0-9]+$ ]]; then
	echo "ERROR: FyneApp.toml: Build debe ser un número, es \"$build\"" >&2
	exit 1
fi

# The resources go into a .syso in the package's directory, where go build
# links it; it exists only during the build.
syso="$root/rsrc_windows_amd64.syso"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"; rm -f "$syso"' EXIT

cat >"$tmp/version.h" <<EOH
#define VIGIA_VERSION_MAJOR $major
#define VIGIA_VERSION_MINOR $minor
#define VIGIA_VERSION_PATCH $patch
#define VIGIA_VERSION_BUILD $build
#define VIGIA_FILE_VERSION "$version.$build"
#define VIGIA_PRODUCT_VERSION "$version"
EOH
"$windres" --codepage=65001 -I "$tmp" -I winres -i winres/vigia.rc -O coff -o "$syso"

mkdir -p "$(dirname "$out")"
echo "Compilando Vigía $version para Windows (amd64)..."
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$cc" \
	go build -tags migrated_fynedo -trimpath \
	-ldflags "-H=windowsgui -s -w -X main.version=$version" \
	-o "$out" .

size="$(stat -c %s "$out")"
echo "$out ($(numfmt --to=iec-i --suffix=B "$size"), $size bytes)"
