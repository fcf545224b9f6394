#!/bin/sh
# Reports the network a container has: its interfaces, its routes, and whether loopback works.
echo "interfaces: $(ls /sys/class/net | tr '\n' ' ')"
echo "routes: $(ip route 2>/dev/null | tr '\n' ';')"
nc -l -p 7000 > /tmp/got &
sleep 0.3
echo ping | nc -w 2 127.0.0.1 7000
sleep 0.3
echo "loopback: $(cat /tmp/got)"
# OUTSIDE ("ADDRESS PORT") is a listener on the Docker host's own address.
if nc -w 2 $OUTSIDE < /dev/null 2>/dev/null; then echo "outside: reachable"; else echo "outside: unreachable"; fi
