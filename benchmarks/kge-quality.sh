#!/usr/bin/env bash
# Quality runs of the KGE algorithms on FB15k-237 and WN18RR against the published anchors (docs/performance.md,
# "Quality against the published anchors"): one run at a time, niced, each under /usr/bin/time -v for wall time and
# peak RSS, early stopping after 5 epochs without a better validation MRR, test on the best epoch.
# Usage: [RUNS="fb-distmult wn-rotate"] benchmarks/kge-quality.sh [out-dir] [data-root]
# FB_ROTATE_HP / WN_ROTATE_HP: extra hyperparameters for the RotatE runs (CPU and gpu-*), overriding the ones below
# (for example WN_ROTATE_HP=num-hidden=500,num-negs=256,validation-max-triples=1000, or for the next FB15k-237 GPU
# run DEVICE=gpu RUNS=gpu-fb-rotate FB_ROTATE_HP=early-stopping-window=50,validation-max-triples=0,filter-negatives=true,lr-decay-patience=10).
# DEVICE=gpu runs every job as one granted a GPU (docs/graph-models.md, "GPU"), THREADS (default 2) sizes the CPU.
# The gpu-* runs are the GPU settings of docs/performance.md ("GPU"): RotatE as the RotatE paper trains it (Adam 5e-5,
# 1,000 / 500 complex dimensions, own negatives per positive); they are in RUNS only when named (on 2 CPU cores
# each would take a day).
# MAX_SECONDS=N time-boxes each run (KgeBenchmark --max-seconds: stopped after the epoch that passes N seconds, the
# best model so far tested) and keeps its job folder under out-dir/work; the same command again resumes each
# unfinished run from its last epoch, so a run longer than a session's command limit goes in pieces (the lent GPU
# machines allow 10 minutes a command). A run's folder is removed once it finishes (a RESULT without TIMEBOX).
# Needs benchmarks/target/benchmarks.jar (./mvnw -o -q -pl benchmarks -am package -DskipTests), or JAVA and KGE_JAR
# pointing into the bundle of benchmarks/gpu-bundle.sh (a machine without a JDK or Maven).
set -euo pipefail
out=${1:-/tmp/kge-quality}
data=${2:-../shared/data/kg}
jar=${KGE_JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$out"
# The Vector API kernels, as the job JVMs run them (engine-runtime's ChildJvm); KILN_JVM_OPTS= (empty) measures the
# plain-Java kernels.
KILN_JVM_OPTS=${KILN_JVM_OPTS---add-modules jdk.incubator.vector}
java=${JAVA:-java}
common=batch-size=1000,num-negs=128,optimizer=adagrad,loss=logistic,early-stopping-window=5
device=${DEVICE:-cpu}; threads=${THREADS:-2}
run() { # name model data hp
  case " ${RUNS:-$1} " in *" $1 "*) ;; *) return 0 ;; esac
  case "$1" in gpu-*|ab-*) [ -n "${RUNS:-}" ] || return 0 ;; esac
  echo "== $1 $(date +%T)"
  local boxed=() log="$out/$1.log" before=0 piece
  # A time-boxed run's pieces append to its log; any other run starts it afresh.
  if [ -n "${MAX_SECONDS:-}" ]; then
    boxed=(--max-seconds "$MAX_SECONDS" --job "$1")
    [ ! -f "$log" ] || before=$(wc -l < "$log")
  else
    : > "$log"
  fi
  nice -n 19 /usr/bin/time -v "$java" $KILN_JVM_OPTS -cp "$jar" dev.kiln.bench.gnn.KgeBenchmark --model "$2" --data "$data/$3" \
      --threads $threads --device $device --work "$out/work" "${boxed[@]}" --hp "$common,$4" >> "$log" 2>&1
  piece=$(tail -n +$((before + 1)) "$log" | grep -E '^RESULT|^TIMEBOX|Elapsed|Maximum resident')
  echo "$piece"
  if grep -q '^TIMEBOX' <<< "$piece"; then
    echo "$1: time box reached; run the same command again to resume it"
  else
    rm -rf "$out/work${MAX_SECONDS:+/$1}"
  fi
}
# RotatE's rows were measured before its relations took lr * pi / ((gamma + 2) / num-hidden) (docs/graph-models.md):
# with that, these Adagrad rates move the phases 29-39x faster than they did then.
# Settings after the RotatE paper (Sun et al. 2019, appendix) and DGL-KE's benchmark scripts, scaled down: 200 floats
# per entity row (RotatE 100 complex), 128 shared negatives, batch 1000, Adagrad (DGL-KE) instead of Adam 5e-5,
# self-adversarial weighting, FB15k-237 validated on its first 2,000 valid triples per epoch.
run fb-distmult distmult fb15k-237 num-hidden=200,adversarial-temperature=1,regularization-coef=1e-7,lr=0.1,num-epochs=100,validation-max-triples=2000
run fb-transe   transe   fb15k-237 num-hidden=200,gamma=9,adversarial-temperature=1,lr=0.1,num-epochs=100,validation-max-triples=2000
run fb-rotate   rotate   fb15k-237 num-hidden=100,gamma=9,adversarial-temperature=1,lr=0.05,num-epochs=${FB_ROTATE_EPOCHS:-20},validation-max-triples=2000${FB_ROTATE_HP:+,$FB_ROTATE_HP}
run wn-distmult distmult wn18rr    num-hidden=200,adversarial-temperature=0.5,regularization-coef=1e-7,lr=0.1,num-epochs=80
run wn-transe   transe   wn18rr    num-hidden=200,gamma=6,adversarial-temperature=0.5,lr=0.1,num-epochs=150
# DistMult with the softmax loss over 1,024 shared negatives, N3 0.03 (docs/performance.md, "The softmax loss").
softmax=loss=softmax,adversarial-temperature=0,num-negs=1024,neg-chunk-size=256,regularization-coef=0.03,lr=0.1,num-epochs=60
run fb-distmult-softmax distmult fb15k-237 $softmax,num-hidden=200,validation-max-triples=2000
run wn-distmult-softmax distmult wn18rr $softmax,num-hidden=500
run wn-rotate   rotate   wn18rr    num-hidden=100,gamma=6,adversarial-temperature=0.5,lr=0.05,num-epochs=${WN_ROTATE_EPOCHS:-90}${WN_ROTATE_HP:+,$WN_ROTATE_HP}
# RotatE on FB15k-237 with and without the RotatE paper code's sampling (docs/performance.md, "Filtered negatives
# and subsampling weights"), in RUNS only when named; THREADS=1 repeats those figures' runs exactly, AB_HP=seed=1
# their second seed.
ab=num-hidden=200,num-negs=256,neg-chunk-size=32,batch-size=1024,optimizer=adam,lr=0.0005,adversarial-temperature=1,gamma=9,num-epochs=40,validation-max-triples=2000${AB_HP:+,$AB_HP}
run ab-fb-rotate-uniform    rotate fb15k-237 $ab
run ab-fb-rotate-filtered   rotate fb15k-237 $ab,filter-negatives=true
run ab-fb-rotate-subsampled rotate fb15k-237 $ab,filter-negatives=true,subsampling-weight=true
# On a GPU (DEVICE=gpu RUNS="gpu-fb-rotate gpu-wn-rotate ..."): the RotatE paper's settings (Sun et al. 2019, its
# code's run.sh), and WN18RR's best DistMult and TransE of docs/performance.md, "GPU".
paper=neg-chunk-size=1,optimizer=adam,lr=0.00005,adversarial-temperature=1,early-stopping-window=20
run gpu-fb-rotate   rotate   fb15k-237 $paper,num-hidden=1000,num-negs=256,batch-size=1024,gamma=9,num-epochs=376,validation-max-triples=2000${FB_ROTATE_HP:+,$FB_ROTATE_HP}
run gpu-wn-rotate   rotate   wn18rr    $paper,num-hidden=500,num-negs=1024,batch-size=512,gamma=6,adversarial-temperature=0.5,num-epochs=470${WN_ROTATE_HP:+,$WN_ROTATE_HP}
run gpu-wn-distmult distmult wn18rr    num-hidden=1000,num-negs=1024,neg-chunk-size=16,adversarial-temperature=1,regularization-coef=1e-5,lr=0.1,num-epochs=500,early-stopping-window=10
run gpu-wn-transe   transe   wn18rr    num-hidden=500,distance=l1,gamma=6,adversarial-temperature=1,num-negs=256,neg-chunk-size=1,lr=0.05,num-epochs=500,early-stopping-window=10
