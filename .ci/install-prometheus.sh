#!/bin/sh
# Installs Debian's prometheus package for the health-check tests, only when it is missing.
# Idempotent: does nothing when `prometheus` is already on PATH.
#
# The package's postinst tries to start a prometheus daemon on :9090. The tests start their own
# Prometheus on a free port, so during the install service starts are refused through policy-rc.d
# (the Debian mechanism invoke-rc.d consults); an existing policy-rc.d is left as it is.
set -eu

if command -v prometheus >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-prometheus: apt-get needs root; run as root or install Debian's prometheus package" >&2
    exit 1
fi

created_policy=
cleanup() {
    if [ -n "$created_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
}
trap cleanup EXIT
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from .ci/install-prometheus.sh: start no services\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends prometheus
command -v prometheus
