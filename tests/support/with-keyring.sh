#!/usr/bin/env bash
# with-keyring.sh <command...>
#
# Runs <command> with a real, private Secret Service: a new D-Bus session (dbus-run-session), a throw-away
# HOME, and a gnome-keyring-daemon started explicitly and unlocked with a random password. Prints nothing on
# success except the command's own output; returns the command's exit code.
#
# Why explicitly: if the keyring is D-Bus-activated instead, it starts with the bus's HOME, cannot create the
# login keyring, and writes fail with "Object does not exist at path .../collection/login".
set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 <command...>" >&2
    exit 2
fi

if [ "${1-}" != "--inside-session" ]; then
    for tool in dbus-run-session gnome-keyring-daemon dbus-send; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "with-keyring.sh: $tool is missing (install the packages dbus and gnome-keyring)" >&2
            exit 127
        fi
    done
    exec dbus-run-session -- "$0" --inside-session "$@"
fi
shift

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/certdeck-keyring.XXXXXX") || exit 1
chmod 700 "$keyring_home"
daemon_pid=""

cleanup() {
    if [ -n "$daemon_pid" ]; then
        kill "$daemon_pid" 2>/dev/null
        wait "$daemon_pid" 2>/dev/null
    fi
    rm -rf "$keyring_home"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export HOME="$keyring_home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$HOME/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# The password only ever goes through a pipe (printf is a shell builtin: not in any argv).
password=$(head -c 24 /dev/urandom | base64)
printf '%s' "$password" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$keyring_home/daemon.log" 2>&1 &
daemon_pid=$!
unset password

secret_service_ready() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' \
        && dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
            org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Service string:Collections \
            2>/dev/null | grep -q '/collection/login'
}

deadline=$((SECONDS + 10))
until secret_service_ready; do
    if ! kill -0 "$daemon_pid" 2>/dev/null; then
        echo "with-keyring.sh: gnome-keyring-daemon exited early:" >&2
        cat "$keyring_home/daemon.log" >&2
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "with-keyring.sh: the Secret Service did not come up within 10 s:" >&2
        cat "$keyring_home/daemon.log" >&2
        exit 1
    fi
    sleep 0.1
done

"$@"
status=$?
exit "$status"
