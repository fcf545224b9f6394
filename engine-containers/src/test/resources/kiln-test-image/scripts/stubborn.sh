#!/bin/sh
# Ignores SIGTERM (PID 1 without a handler does), so only SIGKILL ends it.
echo "started, not stopping"
echo partial > /opt/ml/model/partial.txt
while :; do sleep 1; done
