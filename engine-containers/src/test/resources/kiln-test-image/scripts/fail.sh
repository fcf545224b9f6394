#!/bin/sh
# Fails as an algorithm should: a reason in /opt/ml/output/failure and a non-zero exit.
echo "about to fail"
echo "ValueError: learning_rate must be positive" > /opt/ml/output/failure
exit 3
