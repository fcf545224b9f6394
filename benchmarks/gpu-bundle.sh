#!/usr/bin/env bash
# Packs what the KGE benchmarks need on a machine with no JDK, no Maven and no network (the workplace's lent GPU
# machines are such): a jlink'd Java runtime (jre/), the jars of engine-gnn and its runtime dependencies plus the
# benchmark classes (lib/), and the knowledge-graph data sets (data/), as one .tar.xz (about 35 MB), small enough
# to travel with the working tree. Where it lands is ignored by git (.gpu/ is in .gitignore).
# Usage: benchmarks/gpu-bundle.sh [out.tar.xz] [data-root]
# There, from the repository root (docs/performance.md, "GPU", has the runs):
#   mkdir -p /tmp/kiln && tar xJf .gpu/kiln-bundle.tar.xz -C /tmp/kiln
#   JAVA=/tmp/kiln/jre/bin/java KGE_JAR='/tmp/kiln/lib/*' DEVICE=gpu THREADS=16 RUNS=gpu-fb-rotate MAX_SECONDS=480 \
#       benchmarks/kge-quality.sh benchmarks/target/kq /tmp/kiln/data
set -euo pipefail
out=$(realpath -m "${1:-.gpu/kiln-bundle.tar.xz}")
data=$(realpath "${2:-../shared/data/kg}")
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
./mvnw -o -q -pl benchmarks -am package -DskipTests
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib" "$tmp/data" "$(dirname "$out")"
# engine-gnn's runtime classpath from the local repository, Kiln's own modules from this build instead; SQLite
# (engine-runtime's job store, 14 MB of natives for every platform) is not used by a benchmark's job.
./mvnw -o -q dependency:build-classpath -pl engine-gnn -DincludeScope=runtime -Dmdep.outputFile="$tmp/cp.txt"
tr ':' '\n' < "$tmp/cp.txt" | grep -v -e '/dev/kiln/' -e '/sqlite-jdbc/' | while read -r jar; do cp "$jar" "$tmp/lib/"; done
for m in engine-api engine-runtime engine-gnn; do
  cp "$m/target/$m-0.1.0-SNAPSHOT.jar" "$tmp/lib/"
done
"$jdk/bin/jar" cf "$tmp/lib/kiln-benchmarks.jar" -C benchmarks/target/classes dev/kiln/bench/gnn
# The modules the jars use (jdeps), and the Vector API the job JVMs add; uncompressed, since xz packs it tighter
# (17 MB against 29 MB with jlink's own compression).
mods=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$tmp"/lib/*.jar)
"$jdk/bin/jlink" --add-modules "$mods,jdk.incubator.vector,jdk.management" --strip-debug --no-header-files \
    --no-man-pages --compress=0 --output "$tmp/jre" 2>&1 | grep -v 'incubator modules' || true
for d in fb15k-237 wn18rr kinship nations; do
  cp -r "$data/$d" "$tmp/data/"
done
tar cJf "$out" -C "$tmp" jre lib data
echo "$out: $(du -h "$out" | cut -f1) (modules: $mods)"
