#!/bin/sh
# Saves its model when asked to stop (SIGTERM), as a well-behaved training script does.
trap 'echo "caught SIGTERM"; echo "saved at stop" > /opt/ml/model/final.txt; exit 0' TERM
echo "training until stopped"
while :; do
    sleep 1 &
    wait $!
done
