#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# The feature flag benchmarks in one run, printed side by side:
#   1. the bare local evaluator and the client's flag call (JMH: FlagEvaluationBenchmark, and
#      FlagCallBenchmark with events off and on) and the call's overhead over the evaluator.
#      They run in ROUNDS rounds (default 3) of one fork each, the three benchmarks back to
#      back, so each overhead figure compares measurements taken a few seconds apart: on a
#      shared machine the load moves more between runs than the overhead being measured;
#   2. posthog-node 5.70.0 evaluating the same 50 flags for the same 10,000 persons
#      (node/flag-evaluation.js), and Java against it;
#   2b. the same overhead measured in alternating 25 ms slices in one JVM (FlagCallOverhead),
#      with the default ON_DEMAND refresh and with MANUAL (no clock read per call);
#   3. the cold start of a 200-flag snapshot: COLD_RUNS (default 10) fresh JVMs for each of
#      "parse the document" (the JVM's first JSON use included), "load it after an events-only
#      client was built, then evaluate two flags for the first time" and "build a client from
#      the snapshot and answer one flag", the three modes alternating run by run.
#
#   benchmarks/run-flags.sh                          # 3 rounds of -f 1 -wi 5 -i 5 -w 1s -r 1s, about 3 minutes
#   benchmarks/run-flags.sh -wi 3 -i 3               # JMH options of your own, for every round
#   ROUNDS=5 COLD_RUNS=20 NODE_ITERATIONS=10 benchmarks/run-flags.sh
#
# Needs node and npm for step 2: the pinned posthog-node is installed into
# benchmarks/target/node on first use (npm install with node/package.json and node/.npmrc).
# Without node the comparison is skipped. Results land in benchmarks/target/flags/. Compare
# numbers from the same run only. JAVA_OPTS is passed to the JMH launcher JVM (e.g.
# -Djmh.ignoreLock=true).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
out="$here/target/flags"
cold_runs="${COLD_RUNS:-10}"
node_iterations="${NODE_ITERATIONS:-10}"
rounds="${ROUNDS:-3}"

cd "$root"
echo "building (mvn package + dependency:build-classpath)..." >&2
mvn -B -ntp -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"

echo "writing the workload (persons, expected answers, 200-flag snapshot) to $out..." >&2
"$java" -cp "$cp" dev.edgehog.benchmarks.FlagWorkload "$out"

node_dir="$here/target/node"
have_node=false
if command -v node >/dev/null && command -v npm >/dev/null; then
    mkdir -p "$node_dir"
    cp "$here/node/package.json" "$here/node/.npmrc" "$here/node/flag-evaluation.js" "$node_dir/"
    if [ ! -d "$node_dir/node_modules/posthog-node" ] || [ "$here/node/package.json" -nt "$node_dir/node_modules" ]; then
        echo "installing posthog-node (npm install in $node_dir)..." >&2
        (cd "$node_dir" && npm install --no-save >&2)
    fi
    have_node=true
else
    echo "node or npm not found: the posthog-node comparison is skipped" >&2
fi

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
    args=(-f 1 -wi 5 -i 5 -w 1s -r 1s)
fi
rm -f "$out"/jmh-round-*.json
: >"$out/jmh.log"
for round in $(seq "$rounds"); do
    echo "JMH round $round of $rounds: flag evaluation and flag call..." >&2
    # shellcheck disable=SC2086
    "$java" ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main 'dev\.edgehog\.benchmarks\.Flag' "${args[@]}" \
        -prof gc -rf json -rff "$out/jmh-round-$round.json" >>"$out/jmh.log"
done

echo "flag call overhead in paired 25 ms slices (one JVM each, ON_DEMAND and MANUAL refresh)..." >&2
overhead="$out/overhead.txt"
: >"$overhead"
for refresh in ON_DEMAND MANUAL; do
    "$java" -cp "$cp" dev.edgehog.benchmarks.FlagCallOverhead 200 25 5 "$refresh" >>"$overhead"
done

node_result="$out/node-result.json"
rm -f "$node_result"
if $have_node; then
    echo "posthog-node: the same calls, 5 s warm-up and $node_iterations one-second iterations..." >&2
    node "$node_dir/flag-evaluation.js" "$out/definitions-50.json" "$out/persons.json" 5 "$node_iterations" 1 \
        >"$node_result" 2>"$out/node.log"
fi

echo "cold start: $cold_runs fresh JVMs per mode, modes alternating..." >&2
cold="$out/cold-start.txt"
: >"$cold"
for _ in $(seq "$cold_runs"); do
    for mode in parse load client; do
        file="$out/definitions-200.json"
        [ "$mode" = client ] && file="$out/snapshot-200.json"
        t0=$(date +%s%N)
        line=$("$java" -cp "$cp" dev.edgehog.benchmarks.ColdStartSnapshot "$mode" "$file")
        t1=$(date +%s%N)
        echo "$line process_ms=$(( (t1 - t0) / 1000000 ))" >>"$cold"
    done
done

"$java" -cp "$cp" dev.edgehog.benchmarks.FlagsTable "$node_result" "$cold" "$out"/jmh-round-*.json
echo
echo "flag call overhead, paired slices (FlagCallOverhead; overhead_pct is the median pair, p25/p75 its quartiles):"
cat "$overhead"
