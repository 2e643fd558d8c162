#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Builds the benchmarks, then runs the real (forked) JMH suite with the GC profiler and prints
# a short table: ns/op and bytes allocated per op for each benchmark, and Edgehog against the
# Jackson baseline of the same run.
#
#   benchmarks/run.sh                      # everything, -f 2 -wi 5 -i 5 -w 1s -r 1s (about 3 minutes)
#   benchmarks/run.sh Capture -f 1 -i 3    # a regex and JMH options of your own
#
# Raw results land in benchmarks/target/jmh-result.json. Run it on a quiet machine and only
# compare numbers from the same run. JAVA_OPTS is passed to the JMH launcher JVM, e.g.
# JAVA_OPTS=-Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

cd "$root"
echo "building (mvn package + dependency:build-classpath)..." >&2
mvn -B -ntp -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
    args=(-f 2 -wi 5 -i 5 -w 1s -r 1s)
fi
result="$here/target/jmh-result.json"

# shellcheck disable=SC2086
"$java" ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main "${args[@]}" -prof gc -rf json -rff "$result"
"$java" -cp "$cp" dev.edgehog.benchmarks.ResultTable "$result"
