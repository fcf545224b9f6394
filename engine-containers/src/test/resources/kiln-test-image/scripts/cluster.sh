#!/bin/sh
# Two hosts: algo-1 listens, algo-2 sends it a line by host name; each reports what it sees.
echo "current host: $SM_CURRENT_HOST of $SM_HOSTS"
echo "resourceconfig: $(cat /opt/ml/input/config/resourceconfig.json | tr -d ' \n')"
if nc -w 2 $OUTSIDE < /dev/null 2>/dev/null; then echo "outside: reachable"; else echo "outside: unreachable"; fi
for f in /opt/ml/input/data/train/*; do [ -f "$f" ] && echo "shard $(basename "$f")"; done
if [ "$SM_CURRENT_HOST" = algo-1 ]; then
    # A connection can arrive empty (busybox nc closing before its data is read): listen again.
    for i in 1 2 3 4 5; do
        nc -l -p 7777 > /tmp/msg
        [ -s /tmp/msg ] && break
    done
    echo "received: $(cat /tmp/msg)"
    cat /tmp/msg > /opt/ml/model/received.txt
else
    sent=0
    for i in $(seq 1 100); do
        if echo "hello from $SM_CURRENT_HOST" | nc -w 2 algo-1 7777 2>/dev/null; then
            sent=$((sent + 1))
            echo "sent"
            [ "$sent" -ge 3 ] && exit 0
            sleep 0.2
            continue
        fi
        # Refused after a send: algo-1 has its message and stopped listening.
        [ "$sent" -gt 0 ] && exit 0
        sleep 0.1
    done
    [ "$sent" -gt 0 ] && exit 0
    echo "algo-1 unreachable" > /opt/ml/output/failure
    exit 1
fi
