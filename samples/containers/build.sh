#!/usr/bin/env bash
# Usage: samples/containers/build.sh [IMAGE]   (default kiln-samples/mean:1)
#
# Builds the sample's training image on the Docker engine DOCKER_HOST names (or the default one):
# with `docker build` and the Dockerfile when Docker Hub answers, otherwise with `docker import` of a
# root file system made from a statically linked busybox (Debian's busybox-static) and ./train.
set -euo pipefail
cd "$(dirname "$0")"
image="${1:-kiln-samples/mean:1}"

if timeout 30 docker pull -q busybox:1.36 >/dev/null 2>&1; then
    docker build -q -t "$image" . >/dev/null
    echo "built $image with docker build"
    exit 0
fi

busybox="${BUSYBOX:-/bin/busybox}"
is_static() { [ -x "$1" ] && ! LC_ALL=C grep -qaE '/lib(64)?/ld-(linux|musl)' "$1"; }
if ! is_static "$busybox"; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
    fi
    is_static "$busybox" || {
        echo "no registry answers and $busybox is not a static busybox: install busybox-static (or set BUSYBOX)" >&2
        exit 1
    }
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/usr/local/bin" "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' > "$root/etc/passwd"
install -m 0755 train "$root/usr/local/bin/train"
tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$image" >/dev/null
echo "built $image with docker import (no registry reachable)"
