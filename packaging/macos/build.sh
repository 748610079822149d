#!/usr/bin/env bash
# Builds "dist/Live Desktop.app" and dist/live-desktop-<version>-macos-<arch>.dmg on a Mac, and
# signs and notarizes them when the credentials are given (docs/packaging.md, macOS):
#
#   packaging/macos/build.sh
#   CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)" NOTARY_PROFILE=live-desktop \
#       packaging/macos/build.sh
#
# NOTARY_PROFILE is a keychain profile made once with
#   xcrun notarytool store-credentials live-desktop --apple-id ID --team-id TEAMID
# Build on the architecture you ship (arm64 on Apple silicon, x86_64 on Intel): the wheels the
# bundle is made of are per architecture, so there is no universal2 build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install --disable-pip-version-check -e '.[dev,package]'
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
    packaging/live_desktop.spec

app="dist/Live Desktop.app"
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/live-desktop" --self-test

version="$(.venv/bin/python -c 'import live_desktop; print(live_desktop.__version__)')"
dmg="dist/live-desktop-$version-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname "Live Desktop" -srcfolder "$app" -ov -format UDZO "$dmg"

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --verify --deep --strict --verbose=2 "$app"
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$dmg"
    if [[ -n "${NOTARY_PROFILE:-}" ]]; then
        xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$dmg"
        spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
    fi
else
    echo "not signed (set CODESIGN_IDENTITY): the app runs on this Mac only" >&2
fi
echo "$dmg"
