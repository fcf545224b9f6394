#!/usr/bin/env bash
# Kiln against PyTorch Geometric's KGE models on FB15k-237, one after the other (docs/performance.md, "KGE
# throughput"): dim 200, batch 1000, 128 negatives shared by chunks of 128 positives, Adagrad lr 0.1, 2 threads,
# the same epochs; DistMult with the logistic loss, TransE (L2) with PyG's margin loss (margin 1).
# Usage: [MODELS="distmult transe"] [SEEDS="0 1 2"] [KERNELS="vector java"] [DEVICE=gpu] [THREADS=2]
#        benchmarks/kge-throughput.sh [epochs] [out-dir] [data] [python]
# KERNELS: Kiln on the Vector API kernels (vector, the default) and/or the plain-Java ones (java).
# DEVICE=gpu: both sides on the first GPU (Kiln as a job granted one GPU, PyG with --device cuda); THREADS then only
# sizes their CPU-side work.
# Each seed runs both sides once (Kiln's Hogwild threads and the seed both move the MRR by a few thousandths).
# Needs benchmarks/target/benchmarks.jar and a Python with torch and torch_geometric (README of benchmarks/python).
set -euo pipefail
epochs=${1:-5}
out=${2:-/tmp/kge-throughput}
data=${3:-../shared/data/kg/fb15k-237}
py=${4:-/tmp/pyg/bin/python}
jar=${KGE_JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$out"
# The Vector API kernels, as the job JVMs run them (engine-runtime's ChildJvm); KILN_JVM_OPTS= (empty) measures the
# plain-Java kernels.
KILN_JVM_OPTS=${KILN_JVM_OPTS---add-modules jdk.incubator.vector}
# PyTorch's OpenMP threads spin while idle by default; on a machine shared with other work they then burn their
# CPU share and a PyG epoch can fall to a tenth of its rate (docs/performance.md, "Compute backends"). Passive
# waiting is the fair setting for the peer; the JVM ignores it.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
side() { # name command...
  local name=$1; shift
  echo "== $name $(date +%T) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -v "$@" > "$out/$name.log" 2>&1
  grep -E '^(EPOCH|RESULT)|Elapsed|Maximum resident' "$out/$name.log"
}
device=${DEVICE:-cpu}; threads=${THREADS:-2}
pydevice=cpu; [ "$device" = gpu ] && pydevice=cuda
common=num-hidden=200,batch-size=1000,num-negs=128,neg-chunk-size=128,optimizer=adagrad,lr=0.1,num-epochs=$epochs,early-stopping-window=0,validation-max-triples=1000
for seed in ${SEEDS:-0}; do
  for model in ${MODELS:-distmult transe}; do
    if [ "$model" = transe ]; then loss="loss=margin,gamma=1,distance=l2"; pyloss="--loss margin --gamma 1 --distance l2"
    else loss="loss=logistic"; pyloss="--loss logistic"; fi
    for kernels in ${KERNELS:-vector}; do
      opts=$KILN_JVM_OPTS; [ "$kernels" = java ] && opts=
      side "kiln-$model-$kernels-s$seed" java $opts -cp "$jar" dev.kiln.bench.gnn.KgeBenchmark --model $model \
          --data "$data" --threads $threads --device $device --work "$out/work" --hp "$common,$loss,seed=$seed"
      rm -rf "$out/work"
    done
    side "pyg-$model-s$seed" "$py" benchmarks/python/kge_pyg.py --model $model --data "$data" --threads $threads \
        --epochs "$epochs" --dim 200 --batch-size 1000 --num-negs 128 --neg-chunk-size 128 --lr 0.1 \
        --validation-max-triples 1000 --seed "$seed" --device $pydevice $pyloss
  done
done
