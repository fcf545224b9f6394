#!/bin/sh
# Holds more memory than the container's limit, so the kernel kills it.
echo "allocating"
x=$(head -c 400000000 /dev/zero | tr '\0' a)
echo "still alive with ${#x} bytes"
