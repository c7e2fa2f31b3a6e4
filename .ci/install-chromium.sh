#!/bin/sh
# Installs Debian's headless-capable Chromium and its WebDriver for the web module's browser tests.
# Idempotent: does nothing when both binaries are already there. Needs root (apt-get).
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium and chromedriver already installed: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-chromium.sh: installing packages needs root; run it with sudo" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver
echo "installed: $(/usr/bin/chromium --version) / $(/usr/bin/chromedriver --version)"
