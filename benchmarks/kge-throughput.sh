#!/usr/bin/env bash
# Kiln against PyTorch Geometric's KGE models on FB15k-237, one after the other (docs/performance.md, "KGE
# throughput"): dim 200, batch 1000, 128 negatives shared by chunks of 128 positives, Adagrad lr 0.1, 2 threads,
# the same epochs; DistMult with the logistic loss, TransE (L2) with PyG's margin loss (margin 1).
# Usage: [MODELS="distmult transe"] benchmarks/kge-throughput.sh [epochs] [out-dir] [data] [python]
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
common=num-hidden=200,batch-size=1000,num-negs=128,neg-chunk-size=128,optimizer=adagrad,lr=0.1,num-epochs=$epochs,early-stopping-window=0,validation-max-triples=1000
for model in ${MODELS:-distmult transe}; do
  if [ "$model" = transe ]; then loss="loss=margin,gamma=1,distance=l2"; pyloss="--loss margin --gamma 1 --distance l2"
  else loss="loss=logistic"; pyloss="--loss logistic"; fi
  side "kiln-$model" java $KILN_JVM_OPTS -cp "$jar" dev.kiln.bench.gnn.KgeBenchmark --model $model --data "$data" --threads 2 \
      --work "$out/work" --hp "$common,$loss"
  rm -rf "$out/work"
  side "pyg-$model" "$py" benchmarks/python/kge_pyg.py --model $model --data "$data" --threads 2 --epochs "$epochs" \
      --dim 200 --batch-size 1000 --num-negs 128 --neg-chunk-size 128 --lr 0.1 --validation-max-triples 1000 $pyloss
done
