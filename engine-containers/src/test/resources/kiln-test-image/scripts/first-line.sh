#!/bin/sh
# A trivial job for the start-overhead measurement: one line, then exit.
echo first
