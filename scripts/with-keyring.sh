#!/usr/bin/env bash
# Runs a command with a real Secret Service (gnome-keyring on its own D-Bus session), unlocked,
# under a throwaway HOME, so keychain tests use the real keychain and never the user's own.
set -euo pipefail
if [ -z "${LEDGERBRIDGE_KEYRING_READY:-}" ]; then
  export LEDGERBRIDGE_KEYRING_READY=1
  exec dbus-run-session -- bash "$0" "$@"
fi
REAL_HOME="${HOME:-/root}"
HOME="$(mktemp -d -t ledgerbridge-home.XXXXXX)"
export HOME XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
# npm and Playwright-free tools keep caches under HOME; keep npm's where it was.
export npm_config_cache="${npm_config_cache:-$REAL_HOME/.npm}"

# Foreground mode so we own the daemon's PID and stop it ourselves (a daemonised keyring would
# outlive the session and hold our output pipes open).
printf 'ledgerbridge-test' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring_pid=$!
cleanup() { kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true; rm -rf "$HOME"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
"$@"
