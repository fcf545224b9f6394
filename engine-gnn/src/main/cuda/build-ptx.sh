#!/usr/bin/env bash
# Rebuilds the PTX of the GPU kernels (kge.cu) into engine-gnn's resources, where CudaDevice loads it through the
# CUDA driver API. The PTX is committed, so neither a build nor a user needs nvcc; rerun this after editing kge.cu.
# compute_75 (Turing) is the oldest target CUDA 13's nvcc accepts; the driver compiles the PTX for the GPU it runs
# on (Ampere, Ada, Hopper, Blackwell) when the module loads, and caches the result.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../resources/dev/kiln/gnn/cuda/kge.ptx
nvcc -ptx -arch=compute_75 -O3 -o "$out" "$here/kge.cu"
echo "wrote $out ($(nvcc --version | tail -1))"
