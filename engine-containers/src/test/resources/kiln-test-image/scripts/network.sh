#!/bin/sh
# Reports the network a container has: its interfaces, its routes, and whether loopback works.
echo "interfaces: $(ls /sys/class/net | tr '\n' ' ')"
echo "routes: $(ip route 2>/dev/null | tr '\n' ';')"
nc -l -p 7000 > /tmp/got &
sleep 0.3
echo ping | nc -w 2 127.0.0.1 7000
sleep 0.3
echo "loopback: $(cat /tmp/got)"
if nc -w 2 192.0.2.1 80 < /dev/null 2>/dev/null; then echo "outside: reachable"; else echo "outside: unreachable"; fi
