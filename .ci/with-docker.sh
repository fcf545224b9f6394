#!/usr/bin/env bash
# Usage: .ci/with-docker.sh CMD [ARG...]
#
# Runs CMD with a Docker engine available, so that the container integration tests of
# engine-containers run instead of skipping:
#   - if an engine already answers (DOCKER_HOST or the default socket), CMD runs as is;
#   - otherwise, as root, Debian's docker.io (and busybox-static, from which the tests build their
#     images) are installed if missing, and a private dockerd is started with its socket, data root
#     and exec root under .ci/build/docker (or $KILN_DOCKER_DIR); DOCKER_HOST points CMD at it and
#     the daemon is stopped when CMD ends.
# It never fails because of Docker: when no engine can be had, CMD runs without DOCKER_HOST and the
# container tests skip with the reason. The exit status is CMD's.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${KILN_DOCKER_DIR:-$root/.ci/build/docker}"
say() { echo "== with-docker: $*" >&2; }

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARG...]" >&2
    exit 2
fi

answers() { # $1: a DOCKER_HOST value, or empty for the CLI's default
    command -v docker >/dev/null 2>&1 || return 1
    if [ -n "$1" ]; then
        timeout 10 docker -H "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1
    else
        timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
    fi
}

if answers "${DOCKER_HOST:-}"; then
    say "using the running engine ${DOCKER_HOST:-at the default socket}"
    exec "$@"
fi

apt_install() { # installs Debian packages when we may; failures are reported, never fatal
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    if [ -z "${apt_updated:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed"
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

static_busybox() { [ -x /bin/busybox ] && ! LC_ALL=C grep -qaE '/lib(64)?/ld-(linux|musl)' /bin/busybox; }

pid=""
stop_dockerd() {
    [ -n "$pid" ] || return 0
    say "stopping dockerd ($pid)"
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || { pid=""; return 0; }
        sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null
    pid=""
}

start_dockerd() { # $@: extra dockerd flags; sets pid and sock, returns 0 once the engine answers
    mkdir -p "$dir/data" "$dir/exec"
    sock="$dir/docker.sock"
    # A Unix socket path is limited to 107 bytes; a deep build directory gets a short one in /tmp.
    if [ "${#sock}" -gt 100 ]; then
        sock="$(mktemp -d /tmp/kiln-docker.XXXXXX)/docker.sock"
    fi
    rm -f "$sock"
    dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
        --pidfile "$dir/dockerd.pid" "$@" >"$dir/dockerd.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do
        if answers "unix://$sock"; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    say "dockerd${*:+ $*} did not answer; the end of its log:"
    tail -n 15 "$dir/dockerd.log" >&2
    stop_dockerd
    return 1
}

engine=""
if answers "unix://$dir/docker.sock"; then
    # A daemon on our private socket (another run's, or one started by hand): use it, leave it running.
    say "using the engine already running at unix://$dir/docker.sock"
    export DOCKER_HOST="unix://$dir/docker.sock"
    exec "$@"
fi
if [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; then
    # Left by a run that was killed, and not answering: it holds the pid file and the data root.
    pid="$(cat "$dir/dockerd.pid")"
    stop_dockerd
fi
if [ "$(id -u)" -ne 0 ]; then
    say "no Docker engine answers and this is not root: running without one"
else
    if ! command -v dockerd >/dev/null 2>&1; then
        say "installing docker.io"
        apt_install docker.io || say "could not install docker.io"
    fi
    if command -v dockerd >/dev/null 2>&1; then
        trap 'stop_dockerd' EXIT
        trap 'stop_dockerd; exit 130' INT
        trap 'stop_dockerd; exit 143' TERM
        # Some sandboxes refuse iptables; containers still run, and talk to each other on a bridge, without
        # it, but the engine cannot then keep an internal network's traffic in: the tests that check that skip.
        if start_dockerd; then
            engine="unix://$sock"
        elif start_dockerd --iptables=false --ip-masq=false; then
            engine="unix://$sock"
            export KILN_DOCKER_NO_IPTABLES=1
        fi
    fi
fi

if [ -n "$engine" ]; then
    static_busybox || apt_install busybox-static || say "could not install busybox-static (the container tests will skip)"
    export DOCKER_HOST="$engine"
    say "dockerd $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers at $DOCKER_HOST"
else
    say "no Docker engine: container tests will be skipped"
fi

"$@"
status=$?
stop_dockerd
exit "$status"
