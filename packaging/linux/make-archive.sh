#!/usr/bin/env bash
# Packs the one-folder bundle (dist/live-desktop, from `make bundle`) into the Linux archive
# dist/live-desktop-<version>-linux-x86_64.tar.xz: the bundle, the .desktop file, the icons,
# install.sh and README.txt, under one top-level folder. Prints the archive's path and size.
#
#   packaging/linux/make-archive.sh VERSION [BUNDLE_DIR] [ICON_DIR] [OUT_DIR]
#
# xz, not gzip: the same files are 109 MB instead of 152 (docs/packaging.md), and every Linux
# tar unpacks it (tar xf).
set -euo pipefail
version="${1:?usage: make-archive.sh VERSION [BUNDLE_DIR] [ICON_DIR] [OUT_DIR]}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bundle="${2:-$root/dist/live-desktop}"
icons="${3:-$root/build/icons}"
out="${4:-$root/dist}"
arch="$(uname -m)"
name="live-desktop-$version-linux-$arch"

[[ -x "$bundle/live-desktop" ]] || { echo "make-archive: no bundle at $bundle (make bundle)" >&2; exit 1; }
[[ -f "$icons/live-desktop-512.png" ]] || { echo "make-archive: no icons in $icons (make icons)" >&2; exit 1; }

stage="$root/build/archive/$name"
rm -rf "$stage"
mkdir -p "$stage/icons"
cp -a "$bundle" "$stage/live-desktop"
cp "$icons"/live-desktop-*.png "$stage/icons/"
cp "$root/resources/live-desktop.svg" "$stage/icons/live-desktop.svg"
cp "$root/packaging/linux/live-desktop.desktop" "$root/packaging/linux/README.txt" "$stage/"
install -m 755 "$root/packaging/linux/install.sh" "$stage/install.sh"

mkdir -p "$out"
archive="$out/$name.tar.xz"
# Owner and group as numbers 0 and no build-machine user names inside the archive.
tar -C "$(dirname "$stage")" --owner=0 --group=0 --numeric-owner -cf - "$name" |
    xz -T0 -6 >"$archive.tmp"
mv "$archive.tmp" "$archive"
(cd "$out" && sha256sum "$(basename "$archive")" >"$(basename "$archive").sha256")
echo "$archive $(du -h "$archive" | cut -f1) ($(du -sh "$stage" | cut -f1) unpacked)"
rm -rf "$stage"  # a second copy of the bundle; the archive has it now
