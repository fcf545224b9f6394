#!/usr/bin/env bash
# Quality runs of the KGE algorithms on FB15k-237 and WN18RR against the published anchors (docs/performance.md,
# "KGE quality"). Scaled-down budgets for a shared 2-core machine: one run at a time, niced, each under
# /usr/bin/time -v for wall time and peak RSS. Usage: benchmarks/kge-quality.sh [out-dir] [data-root]
# Needs benchmarks/target/benchmarks.jar (./mvnw -o -q -pl benchmarks -am package -DskipTests).
set -euo pipefail
out=${1:-/tmp/kge-quality}
data=${2:-../shared/data/kg}
jar=${KGE_JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$out"
common=batch-size=1000,num-negs=128,optimizer=adagrad,loss=logistic,early-stopping-window=0
run() { # name model data hp
  echo "== $1 $(date +%T)"
  nice -n 19 /usr/bin/time -v java -cp "$jar" dev.kiln.bench.gnn.KgeBenchmark --model "$2" --data "$data/$3" \
      --threads 2 --work "$out/work" --hp "$common,$4" > "$out/$1.log" 2>&1
  grep -E '^(EPOCH|RESULT)|Elapsed|Maximum resident' "$out/$1.log"
  rm -rf "$out/work"
}
# Settings after the RotatE paper (Sun et al. 2019, appendix) and DGL-KE's benchmark scripts, with Adagrad (DGL-KE)
# instead of Adam at 5e-5, dimension 200 floats per entity, 128 shared negatives and a few epochs instead of
# 80k-100k steps.
run fb-transe   transe   fb15k-237 num-hidden=200,gamma=9,adversarial-temperature=1,lr=0.1,num-epochs=${FB_EPOCHS:-2},validation-max-triples=2000
run fb-distmult distmult fb15k-237 num-hidden=200,adversarial-temperature=1,regularization-coef=1e-7,lr=0.1,num-epochs=${FB_EPOCHS:-2},validation-max-triples=2000
run fb-rotate   rotate   fb15k-237 num-hidden=100,gamma=9,adversarial-temperature=1,lr=0.05,num-epochs=${FB_EPOCHS:-2},validation-max-triples=2000
run wn-transe   transe   wn18rr    num-hidden=200,gamma=6,adversarial-temperature=0.5,lr=0.1,num-epochs=${WN_EPOCHS:-5}
run wn-distmult distmult wn18rr    num-hidden=200,adversarial-temperature=0.5,regularization-coef=1e-7,lr=0.1,num-epochs=${WN_EPOCHS:-5}
run wn-rotate   rotate   wn18rr    num-hidden=100,gamma=6,adversarial-temperature=0.5,lr=0.05,num-epochs=${WN_EPOCHS:-5}
