#!/usr/bin/env bash
# Tests the Linux archive as a person would use it: unpack it in a fresh directory, run its
# install.sh into a throwaway home, check the menu entry and icons landed, then run the
# installed app's --self-test offscreen (every native library, the bundled emulator, a text
# turn and a short spoken turn) and fail unless it prints one JSON line with "ok": true.
#
#   packaging/linux/smoke-test.sh dist/live-desktop-<version>-linux-x86_64.tar.xz
set -euo pipefail
archive="$(realpath "${1:?usage: smoke-test.sh ARCHIVE}")"
work="$(mktemp -d "${TMPDIR:-/tmp}/live-desktop-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT

fail() { echo "smoke-test: $*" >&2; exit 1; }

tar -C "$work" -xf "$archive"
unpacked="$(find "$work" -mindepth 1 -maxdepth 1 -type d)"
home="$work/home"
mkdir -p "$home"
HOME="$home" PATH="/usr/bin:/bin" "$unpacked/install.sh"

installed="$home/.local/opt/live-desktop/live-desktop"
desktop="$home/.local/share/applications/live-desktop.desktop"
[[ -x "$installed" ]] || fail "install.sh did not install $installed"
[[ -L "$home/.local/bin/live-desktop" ]] || fail "install.sh made no ~/.local/bin/live-desktop"
grep -qx "Exec=\"$installed\"" "$desktop" || fail "the menu entry does not run $installed"
for size in 16 32 48 128 256 512; do
    [[ -s "$home/.local/share/icons/hicolor/${size}x${size}/apps/live-desktop.png" ]] ||
        fail "no ${size}x${size} icon installed"
done
# The archive is relocatable: nothing may still point into the unpacked copy or the build tree.
rm -rf "$unpacked"

# A clean environment: no keys, no developer keyring or settings, offscreen Qt, and the
# emulator's certificate in the throwaway home.
out="$work/self-test.json"
start=$(date +%s%N)
status=0
clean=(HOME="$home" PATH="/usr/bin:/bin" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen)
# Where a PulseAudio (or PipeWire) server runs, as in CI, the installed bundle must reach it:
# its PortAudio, the system's ALSA and pulse plugin, and the app's own "live_desktop" PCM.
# The throwaway home has no pointer to the server, so name it and its cookie.
expect_pulse=0
if command -v pactl >/dev/null && server="$(pactl info 2>/dev/null | sed -n 's/^Server String: //p')" &&
    [[ -n "$server" ]]; then
    clean+=("PULSE_SERVER=$server")
    cookie="${PULSE_COOKIE:-$HOME/.config/pulse/cookie}"
    [[ -f "$cookie" ]] && clean+=("PULSE_COOKIE=$cookie")
    expect_pulse=1
fi
env -i "${clean[@]}" "$home/.local/bin/live-desktop" --self-test \
    >"$out" 2>"$work/self-test.log" || status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
cat "$out"
if ! python3 - "$out" "$expect_pulse" <<'PY'
import json
import sys

lines = [line for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
if len(lines) != 1:
    sys.exit(f"expected one JSON line, got {len(lines)}")
result = json.loads(lines[0])
for name, found in result.get("native", {}).items():
    print(f"  {name:18} {'ok ' if found['ok'] else 'FAILED'} {found.get('version', found.get('backend', found.get('error', '')))}")
audio = result.get("audio_turn", {})
print(f"  text turn: {result.get('reply', '')!r}")
print(f"  audio turn: {audio.get('reply_audio_s')} s of audio, {audio.get('transcript', '')!r}")
if not result.get("ok") or not result.get("frozen"):
    sys.exit(f"self-test failed at {result.get('stage')}: {result.get('reason')}")
portaudio = result["native"]["portaudio"]
print(f"  PortAudio: {portaudio.get('library')}, ALSA: {portaudio.get('alsa')}, "
      f"{portaudio.get('devices')} devices, PCM {portaudio.get('pulse_pcm')}")
if sys.argv[2] == "1" and portaudio.get("pulse_pcm") != "live_desktop":
    sys.exit("a sound server runs, but the bundle's PortAudio does not reach it through ALSA's "
             "pulse plugin and the app's live_desktop PCM")
PY
then
    tail -n 40 "$work/self-test.log" >&2
    fail "the bundle's self-test did not pass (exit status $status)"
fi
[[ "$status" -eq 0 ]] || { tail -n 40 "$work/self-test.log" >&2; fail "exit status $status"; }
echo "smoke-test: the installed bundle passed its self-test in ${elapsed_ms} ms"
