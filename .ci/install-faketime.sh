#!/bin/sh
# Installs Debian's faketime (libfaketime) for the CLI's clock-skew test, which runs the tool with its clock moved.
# Idempotent: does nothing when it is already there. Needs root (apt-get).
set -eu

if [ -x /usr/bin/faketime ]; then
    echo "faketime already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-faketime.sh: installing packages needs root; run it with sudo" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends faketime
echo "installed: $(command -v faketime)"
