#!/usr/bin/env bash
# Builds the proxy image the Testcontainers tests run (nginx, haproxy, apache2, caddy, curl,
# openssl) from Debian packages alone: debootstrap a minimal bookworm and docker-import it,
# so no image registry is needed. Usage: build-image.sh [--force]
set -euo pipefail

# keep in step with MtlsProxyContainer.DEFAULT_IMAGE in mtls-spring-boot-test
image="mtls-proxies:bookworm-1"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages="nginx,haproxy,apache2,caddy,curl,openssl,ca-certificates"

if [[ "${1:-}" != "--force" ]] && docker image inspect "$image" >/dev/null 2>&1; then
	echo "$image already exists (build-image.sh --force rebuilds it)"
	exit 0
fi
for tool in debootstrap docker; do
	command -v "$tool" >/dev/null || { echo "build-image.sh needs $tool" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"

debootstrap --variant=minbase "bookworm" "$root" "$mirror"
# packages must not start their services inside the chroot (they would bind the host's ports)
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
echo "deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main" >"$root/etc/apt/sources.list"
chroot "$root" apt-get update -qq
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	${packages//,/ } >/dev/null
chroot "$root" a2enmod -q ssl proxy proxy_http headers >/dev/null
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*

tar -C "$root" -c . | docker import \
	--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	--change 'CMD ["/bin/sh"]' - "$image"
echo "built $image"
