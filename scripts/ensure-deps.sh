#!/usr/bin/env bash
# Makes a fresh clone runnable: Debian packages the app and its tests need (installed with apt
# when running as root, otherwise named), then npm packages without the Electron binary download.
#   bash scripts/ensure-deps.sh              what the app needs
#   bash scripts/ensure-deps.sh --for-tests  plus Chromium, D-Bus and gnome-keyring for the tests
#   bash scripts/ensure-deps.sh --for-demo   plus D-Bus and gnome-keyring for a temporary keychain
set -euo pipefail
cd "$(dirname "$0")/.."

need=(libsecret-1-dev python3 make g++)
case "${1:-}" in
  --for-tests) need+=(chromium fonts-liberation dbus gnome-keyring) ;;
  # The demo keeps its tokens in the OS keychain; a headless machine gets a temporary keyring.
  --for-demo) need+=(dbus gnome-keyring) ;;
esac

missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# Reinstall npm packages only when the lock file changed since the last install.
stamp=node_modules/.ledgerbridge-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$hash" > "$stamp"
fi
[ -f out/main/cli.js ] || npm run build
