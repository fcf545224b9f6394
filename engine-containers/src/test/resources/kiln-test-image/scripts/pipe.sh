#!/bin/sh
# Reads a Pipe-mode channel: the FIFO the runtime feeds reaches the container through the mount.
echo "fifo: $(ls -l /opt/ml/input/data/ | grep train_0 | cut -c1)"
echo "piped bytes: $(cat /opt/ml/input/data/train_0 | wc -c)"
