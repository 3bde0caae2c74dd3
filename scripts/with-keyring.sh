#!/usr/bin/env bash
# Runs a command with a real Secret Service (gnome-keyring on its own D-Bus session), unlocked,
# under a throwaway HOME, so keychain tests use the real keychain and never the user's own.
set -euo pipefail
if [ -z "${LEDGERBRIDGE_KEYRING_READY:-}" ]; then
  export LEDGERBRIDGE_KEYRING_READY=1
  exec dbus-run-session -- "$0" "$@"
fi
export REAL_HOME="${HOME:-}"
HOME="$(mktemp -d -t ledgerbridge-home.XXXXXX)"
export HOME
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_RUNTIME_DIR="$HOME/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# npm keeps its cache under HOME; point it back so a throwaway HOME does not refetch anything.
export npm_config_cache="${npm_config_cache:-$REAL_HOME/.npm}"
eval "$(printf 'ledgerbridge-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"
trap 'kill "${GNOME_KEYRING_PID:-0}" 2>/dev/null || true; rm -rf "$HOME"' EXIT
"$@"
