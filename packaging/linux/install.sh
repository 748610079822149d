#!/bin/sh
# Installs Live Desktop for the current user (no root needed), from the unpacked archive:
#
#   ./install.sh               the app into ~/.local/opt/live-desktop, the command
#                              ~/.local/bin/live-desktop, the menu entry and its icons
#   ./install.sh --uninstall   removes exactly those again (settings and logs stay)
#
# PREFIX=/some/dir ./install.sh installs under that directory instead of ~/.local.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
app_dir="$prefix/opt/live-desktop"
bin_link="$prefix/bin/live-desktop"
desktop_file="$prefix/share/applications/live-desktop.desktop"
icon_root="$prefix/share/icons/hicolor"
sizes="16 24 32 48 64 128 256 512"

refresh_menus() {
    # Desktops pick up new entries by themselves; these make it immediate where they exist.
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$icon_root" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app_dir"
    rm -f "$bin_link" "$desktop_file" "$icon_root/scalable/apps/live-desktop.svg"
    for size in $sizes; do
        rm -f "$icon_root/${size}x${size}/apps/live-desktop.png"
    done
    refresh_menus
    echo "Live Desktop removed from $prefix (your settings and logs are kept)."
    exit 0
fi
if [ "$#" -gt 0 ]; then
    echo "usage: $0 [--uninstall]   (PREFIX=DIR to install somewhere other than ~/.local)" >&2
    exit 2
fi
if [ ! -x "$here/live-desktop/live-desktop" ]; then
    echo "install.sh: run it from the unpacked archive (live-desktop/live-desktop is missing)" >&2
    exit 1
fi

mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications"
# Replace a previous version as a whole: files it had and this one has not must not linger.
rm -rf "$app_dir.new"
cp -R "$here/live-desktop" "$app_dir.new"
rm -rf "$app_dir"
mv "$app_dir.new" "$app_dir"
ln -sf "$app_dir/live-desktop" "$bin_link"

for size in $sizes; do
    mkdir -p "$icon_root/${size}x${size}/apps"
    cp "$here/icons/live-desktop-$size.png" "$icon_root/${size}x${size}/apps/live-desktop.png"
done
mkdir -p "$icon_root/scalable/apps"
cp "$here/icons/live-desktop.svg" "$icon_root/scalable/apps/live-desktop.svg"

# The menu entry runs the installed executable by its full path: ~/.local/bin is not on
# every desktop session's PATH.
sed "s|^Exec=.*|Exec=\"$app_dir/live-desktop\"|" "$here/live-desktop.desktop" >"$desktop_file"
chmod 644 "$desktop_file"
refresh_menus

echo "Live Desktop installed in $app_dir"
echo "Start it from the applications menu, or run: $bin_link"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "(Add $prefix/bin to PATH to run it as plain 'live-desktop'.)" ;;
esac
