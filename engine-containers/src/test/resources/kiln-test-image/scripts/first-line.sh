#!/bin/sh
# Prints its start time (ns since the epoch) first, for the start-overhead measurement.
date +%s%N
