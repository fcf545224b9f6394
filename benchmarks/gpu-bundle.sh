#!/usr/bin/env bash
# Packs what the KGE benchmarks need on a machine with no JDK, no Maven and no network (the workplace's lent GPU
# machines are such): a jlink'd Java runtime (jre/), the jars of engine-gnn and its runtime dependencies plus the
# benchmark classes (lib/), the knowledge-graph data sets (data/), and the GPU tests with JUnit's console launcher
# (test/), as one .tar.xz (about 37 MB), small enough to travel with the working tree. Where it lands is ignored by git (.gpu/ is in .gitignore).
# Usage: benchmarks/gpu-bundle.sh [out.tar.xz] [data-root]
# There, from the repository root (docs/performance.md, "GPU", has the runs):
#   mkdir -p /tmp/kiln && tar xJf .gpu/kiln-bundle.tar.xz -C /tmp/kiln
#   JAVA=/tmp/kiln/jre/bin/java KGE_JAR='/tmp/kiln/lib/*' DEVICE=gpu THREADS=16 RUNS=gpu-fb-rotate MAX_SECONDS=480 \
#       FB_ROTATE_HP=early-stopping-window=50,validation-max-triples=0,filter-negatives=true,lr-decay-patience=10 \
#       benchmarks/kge-quality.sh benchmarks/target/kq /tmp/kiln/data
# and, first, the tests that compare the GPU trainer with the CPU's (they need the GPU; elsewhere they skip):
#   /tmp/kiln/test/run.sh
set -euo pipefail
out=$(realpath -m "${1:-.gpu/kiln-bundle.tar.xz}")
data=$(realpath "${2:-../shared/data/kg}")
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
./mvnw -o -q -pl benchmarks -am package -DskipTests
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib" "$tmp/data" "$tmp/test" "$(dirname "$out")"
# engine-gnn's runtime classpath from the local repository, Kiln's own modules from this build instead; SQLite
# (engine-runtime's job store, 14 MB of natives for every platform) is not used by a benchmark's job.
./mvnw -o -q dependency:build-classpath -pl engine-gnn -DincludeScope=runtime -Dmdep.outputFile="$tmp/cp.txt"
tr ':' '\n' < "$tmp/cp.txt" | grep -v -e '/dev/kiln/' -e '/sqlite-jdbc/' | while read -r jar; do cp "$jar" "$tmp/lib/"; done
for m in engine-api engine-runtime engine-gnn; do
  cp "$m/target/$m-0.1.0-SNAPSHOT.jar" "$tmp/lib/"
done
"$jdk/bin/jar" cf "$tmp/lib/kiln-benchmarks.jar" -C benchmarks/target/classes dev/kiln/bench/gnn
# The GPU tests: engine-gnn's test classes (built by the package above), the runtime's test jar they use, JUnit's
# console launcher, and a script that runs them where they find the data (../../shared/data/kg, as in the repository).
"$jdk/bin/jar" cf "$tmp/test/engine-gnn-tests.jar" -C engine-gnn/target/test-classes .
cp engine-runtime/target/engine-runtime-0.1.0-SNAPSHOT-tests.jar "$tmp/test/"
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
console=org/junit/platform/junit-platform-console-standalone/1${junit#5}/junit-platform-console-standalone-1${junit#5}.jar
[ -f "$HOME/.m2/repository/$console" ] || ./mvnw -o -q dependency:get \
    -Dartifact=org.junit.platform:junit-platform-console-standalone:1${junit#5} >/dev/null
cp "$HOME/.m2/repository/$console" "$tmp/test/junit-console.jar"
cat > "$tmp/test/run.sh" <<'RUN'
#!/bin/sh
# Runs the GPU trainer's and ranker's tests, and the job's GPU fallback, from the unpacked bundle; extra arguments go
# to JUnit's console launcher. CudaKgeTrainerTest also runs the kernels that jobs do not use until it has passed.
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$here/w/a/b" "$here/w/shared/data"
ln -sfn "$here/data" "$here/w/shared/data/kg"
cd "$here/w/a/b" && exec "$here/jre/bin/java" --add-modules jdk.incubator.vector -jar "$here/test/junit-console.jar" \
    execute -cp "$(ls "$here"/lib/*.jar "$here"/test/*tests.jar | tr '\n' ':')" \
    --select-class dev.kiln.gnn.cuda.CudaKgeTrainerTest --select-class dev.kiln.gnn.cuda.CudaLinkEvaluatorTest \
    --select-class dev.kiln.gnn.algorithm.KgeBackendTest --details=tree --disable-banner --disable-ansi-colors "$@"
RUN
chmod +x "$tmp/test/run.sh"
# The modules the jars use (jdeps), and the Vector API the job JVMs add; uncompressed, since xz packs it tighter
# (17 MB against 29 MB with jlink's own compression).
mods=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$tmp"/lib/*.jar "$tmp"/test/*.jar)
"$jdk/bin/jlink" --add-modules "$mods,jdk.incubator.vector,jdk.management" --strip-debug --no-header-files \
    --no-man-pages --compress=0 --output "$tmp/jre" 2>&1 | grep -v 'incubator modules' || true
for d in fb15k-237 wn18rr kinship nations; do
  cp -r "$data/$d" "$tmp/data/"
done
tar cJf "$out" -C "$tmp" jre lib data test
echo "$out: $(du -h "$out" | cut -f1) (modules: $mods)"
