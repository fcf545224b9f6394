#!/bin/sh
# Reports the network a container has: its interfaces, its routes, and whether loopback works.
echo "interfaces: $(ls /sys/class/net | tr '\n' ' ')"
echo "routes: $(ip route 2>/dev/null | tr '\n' ';')"
# The listener may not be up yet on a loaded machine: try a few times.
got=""
for i in 1 2 3 4 5 6 7 8 9 10; do
    nc -l -p 7000 > /tmp/got &
    listener=$!
    sleep 0.2
    echo ping | nc -w 2 127.0.0.1 7000
    sleep 0.2
    kill "$listener" 2>/dev/null
    got="$(cat /tmp/got)"
    [ -n "$got" ] && break
done
echo "loopback: $got"
# OUTSIDE ("ADDRESS PORT") is a listener on the Docker host's own address.
if nc -w 2 $OUTSIDE < /dev/null 2>/dev/null; then echo "outside: reachable"; else echo "outside: unreachable"; fi
