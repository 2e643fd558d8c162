#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# The snapshot cold start (ColdStartSnapshot's parse, load and client modes) of this checkout's
# core against another core, in fresh JVMs, interleaved run by run so that both sides see the
# same machine load. The benchmark classes and every other jar are this checkout's; only the
# core jar differs.
#
#   benchmarks/cold-start-compare.sh /path/to/baseline/core/target/edgehog-core-VERSION.jar
#   RUNS=20 benchmarks/cold-start-compare.sh /tmp/base/core/target/edgehog-core-0.1.0-SNAPSHOT.jar
#
# Build the baseline core first, for example in a worktree of main outside this one:
#   git worktree add --detach /tmp/base-cold main && (cd /tmp/base-cold && mvn -B -q -pl core -am -DskipTests package)
# Prints median [min .. max] in ms per mode and side; every JVM's line is kept in
# benchmarks/target/flags/cold-compare.txt.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -e "$1" ]; then
    echo "usage: $0 <baseline core jar or classes directory>" >&2
    exit 2
fi
base_core="$1"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
out="$here/target/flags"
runs="${RUNS:-10}"

cd "$root"
echo "building (mvn package + dependency:build-classpath)..." >&2
mvn -B -ntp -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
deps="$(cat "$here/target/classpath.txt")"
head_cp="$here/target/classes:$deps"
base_cp="$here/target/classes:$(echo "$deps" | tr ':' '\n' | sed "s#^.*/edgehog-core-[^/]*\.jar\$#$base_core#" | paste -sd: -)"
case "$base_cp" in
    *"$base_core"*) ;;
    *) echo "the classpath has no edgehog-core jar to replace" >&2; exit 1 ;;
esac

"$java" -cp "$head_cp" dev.edgehog.benchmarks.FlagWorkload "$out" >/dev/null
result="$out/cold-compare.txt"
: >"$result"
echo "cold start, $runs rounds of fresh JVMs: each round runs every mode on both sides, alternating which side goes first..." >&2
for i in $(seq "$runs"); do
    sides="base head"
    [ $((i % 2)) -eq 0 ] && sides="head base"
    for mode in parse load client; do
        file="$out/definitions-200.json"
        [ "$mode" = client ] && file="$out/snapshot-200.json"
        for side in $sides; do
            cp="$head_cp"
            [ "$side" = base ] && cp="$base_cp"
            echo "side=$side $("$java" -cp "$cp" dev.edgehog.benchmarks.ColdStartSnapshot "$mode" "$file")" >>"$result"
        done
    done
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-14s %-28s %-28s\n' mode measure "base: median [min .. max]" "head: median [min .. max]"
for mode in parse load client; do
    for measure in ms cpu_ms first_eval_ms regex_eval_ms; do
        row=""
        for side in base head; do
            values=$(grep "^side=$side mode=$mode " "$result" | tr ' ' '\n' | sed -n "s/^$measure=//p" | sort -g)
            [ -z "$values" ] && continue
            n=$(echo "$values" | wc -l)
            median=$(echo "$values" | awk -v n="$n" '{v[NR]=$1} END {if (n % 2) print v[(n+1)/2]; else printf "%.2f", (v[n/2]+v[n/2+1])/2}')
            row="$row$(printf '%-28s ' "$median [$(echo "$values" | head -1) .. $(echo "$values" | tail -1)]")"
        done
        [ -n "$row" ] && printf '%-8s %-14s %s\n' "$mode" "$measure" "$row"
    done
done
echo "($runs JVMs per mode and side; every line in $result)"
