#!/usr/bin/env bash
# Gives this machine a virtual speaker and a virtual microphone through PulseAudio, so the app
# and the device tests have real PortAudio devices without a sound card (CI, containers, SSH).
#
#   scripts/pulse-virtual-devices.sh          start PulseAudio if needed, add the devices,
#                                             make them the defaults, print them
#   scripts/pulse-virtual-devices.sh --stop   remove the devices; stop the server if we started it
#
# Devices (all 48 kHz):
#   virtual_speaker          sink, the default output; record what was played from
#                            virtual_speaker.monitor
#   virtual_mic_sink         sink nobody listens to; whatever is played into it ...
#   virtual_mic              ... comes out of this source, the default input (mono)
#
# Idempotent: with the server up and the devices there it only sets the defaults and prints.
# PortAudio needs no extra configuration on Debian: the pulseaudio package's
# /etc/alsa/conf.d/99-pulse.conf makes ALSA's "default" PCM PulseAudio whenever a server is
# reachable at the moment PortAudio initialises, and libasound2-plugins provides the "pulse"
# PCM. So start this before the process that imports sounddevice.
set -euo pipefail

SPEAKER=virtual_speaker
MIC_SINK=virtual_mic_sink
MIC=virtual_mic
RATE=48000

log() { printf '[%(%H:%M:%S)T] pulse: %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v pactl >/dev/null \
    || die "pactl not found; on Debian/Ubuntu: apt-get install pulseaudio pulseaudio-utils"

# A marker, so --stop only stops a server this script started.
marker="${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}/live-desktop-pulse-$(id -u).started"

server_up() { pactl info >/dev/null 2>&1; }

# Prints the index of the module that owns sink/source $2 ($1 = sinks|sources), or nothing.
owner_module() {
    pactl list "$1" 2>/dev/null | awk -v want="$2" '
        /^[[:space:]]*Name: / { name = $2 }
        /^[[:space:]]*Owner Module: / && name == want { print $3; exit }'
}

has() { pactl list short "$1" | awk '{print $2}' | grep -qx "$2"; }

start_server() {
    command -v pulseaudio >/dev/null \
        || die "no PulseAudio server reachable and no pulseaudio binary to start one"
    # A set but missing XDG_RUNTIME_DIR (common after su or in containers) makes the daemon
    # give up; create it rather than unset it, so clients look in the same place.
    if [[ -n "${XDG_RUNTIME_DIR:-}" && ! -d "$XDG_RUNTIME_DIR" ]]; then
        mkdir -p "$XDG_RUNTIME_DIR"
        chmod 700 "$XDG_RUNTIME_DIR"
    fi
    # As root: PulseAudio warns "not intended to be run as root (unless --system is
    # specified)" but runs as a per-user daemon all the same, which is what we want. --system
    # would need the pulse user and pulse-access group, puts the socket in /var/run/pulse and
    # forbids loading modules at run time. Without XDG_RUNTIME_DIR the per-user daemon keeps
    # its socket in /tmp/pulse-XXXX, linked from ~/.config/pulse/<machine-id>-runtime, and
    # pactl and the ALSA pulse plugin find it there with no environment variables.
    # -n skips default.pa: no udev card detection, no restore modules whose saved state in
    # ~/.config/pulse could override the defaults set below, nothing else we do not use.
    # --exit-idle-time=-1 keeps it up between test processes.
    local logfile
    logfile="${TMPDIR:-/tmp}/live-desktop-pulse-$(id -u).log"
    pulseaudio --daemonize=yes -n --exit-idle-time=-1 \
        --load=module-native-protocol-unix \
        --log-target="file:$logfile" \
        || die "pulseaudio did not start; see $logfile"
    local _
    for _ in $(seq 50); do
        server_up && break
        sleep 0.1
    done
    server_up || die "pulseaudio started but pactl cannot reach it; see $logfile"
    : >"$marker"
    log "started PulseAudio (log: $logfile)"
}

add_devices() {
    if ! has sinks "$SPEAKER"; then
        pactl load-module module-null-sink sink_name="$SPEAKER" rate="$RATE" channels=2 \
            "sink_properties='device.description=\"Virtual Speaker\"'" >/dev/null
        log "added sink $SPEAKER"
    fi
    if ! has sinks "$MIC_SINK"; then
        pactl load-module module-null-sink sink_name="$MIC_SINK" rate="$RATE" channels=1 \
            channel_map=mono "sink_properties='device.description=\"Virtual Microphone Input\"'" \
            >/dev/null
        log "added sink $MIC_SINK"
    fi
    if ! has sources "$MIC"; then
        pactl load-module module-remap-source master="$MIC_SINK.monitor" source_name="$MIC" \
            rate="$RATE" channels=1 channel_map=mono \
            "source_properties='device.description=\"Virtual Microphone\"'" >/dev/null
        log "added source $MIC"
    fi
    pactl set-default-sink "$SPEAKER"
    pactl set-default-source "$MIC"
}

remove_devices() {
    local kind_name kind name module
    for kind_name in "sources:$MIC" "sinks:$MIC_SINK" "sinks:$SPEAKER"; do
        kind="${kind_name%%:*}" name="${kind_name#*:}"
        module="$(owner_module "$kind" "$name")"
        if [[ -n "$module" ]]; then
            pactl unload-module "$module"
            log "removed $name"
        fi
    done
}

show() {
    local server default_sink default_source
    server="$(pactl info | sed -n 's/^Server String: //p')"
    default_sink="$(pactl get-default-sink)"
    default_source="$(pactl get-default-source)"
    echo "PulseAudio server: $server"
    echo "  default sink (output):  $default_sink    record it from $SPEAKER.monitor"
    echo "  default source (input): $default_source    play into $MIC_SINK to speak into it"
    [[ "$default_sink" == "$SPEAKER" && "$default_source" == "$MIC" ]] \
        || die "defaults are not the virtual devices"
}

case "${1:-}" in
    "")
        server_up || start_server
        add_devices
        show
        ;;
    --stop)
        server_up || { log "no PulseAudio server reachable; nothing to stop"; exit 0; }
        remove_devices
        if [[ -e "$marker" ]]; then
            pulseaudio --kill 2>/dev/null || pactl exit 2>/dev/null || true
            rm -f "$marker"
            log "stopped the PulseAudio server this script started"
        fi
        ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
        ;;
    *)
        die "unknown argument: $1 (try --help)"
        ;;
esac
