#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Runs the sample with the JVM's own fast-start options and checks each prints exactly what a plain
# JDK 17 run prints:
#   JDK 17 AppCDS    a training run writes a dynamic archive (-XX:ArchiveClassesAtExit), the next
#                    run must map it (-Xshare:on fails otherwise);
#   JDK 25 AOT cache a training run writes the cache (-XX:AOTCacheOutput, JEP 514), the next run
#                    must load it (-XX:AOTMode=on fails otherwise).
# Inputs: SAMPLE_JAR and SAMPLE_CLASSPATH_FILE (the native profile sets them; by default the files
# `mvn -Pnative package` leaves in native-tests/target), JAVA17_HOME (default: the java on PATH,
# which must be 17) and JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64; the AOT run is
# skipped, and says so, without it).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$HERE/target/fast-start
SAMPLE_JAR=${SAMPLE_JAR:-$HERE/target/edgehog-native-tests-0.1.0-SNAPSHOT.jar}
SAMPLE_CLASSPATH_FILE=${SAMPLE_CLASSPATH_FILE:-$HERE/target/sample.classpath}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA17=${JAVA17_HOME:+$JAVA17_HOME/bin/}java
MAIN=dev.edgehog.nativetests.SampleApp

fail() { printf '[fast-start] FAILED: %s\n' "$*" >&2; exit 1; }
[ -f "$SAMPLE_JAR" ] && [ -f "$SAMPLE_CLASSPATH_FILE" ] \
    || fail "no $SAMPLE_JAR or $SAMPLE_CLASSPATH_FILE: run mvn -Pnative -pl native-tests -am package first"
"$JAVA17" -version 2>&1 | head -1 | grep -q '"17' || fail "$JAVA17 is not a JDK 17 (set JAVA17_HOME)"
CP=$SAMPLE_JAR:$(cat "$SAMPLE_CLASSPATH_FILE")
rm -rf "$OUT"; mkdir -p "$OUT"

# run <label> <java> [options...]: runs the sample, keeps its output, prints the wall time.
run() {
    local label=$1 java=$2; shift 2
    local start end
    start=$(date +%s%N)
    # JVM warnings (CDS lists the classes it skips) go to stderr: stdout is the sample's summary.
    "$java" -Xlog:disable -Xlog:all=warning:stderr "$@" -cp "$CP" $MAIN > "$OUT/$label.out" 2> "$OUT/$label.err" \
        || fail "$label exited with $?: $(cat "$OUT/$label.out" "$OUT/$label.err")"
    end=$(date +%s%N)
    printf '[fast-start] %-16s %5d ms\n' "$label" $(( (end - start) / 1000000 ))
}
# A training run also prints the JVM's own progress (JDK 25 writes the AOT cache in a child JVM
# and reports on stdout): it must pass, and the run that uses the archive must match exactly.
trained() {
    grep -qx 'result: OK' "$OUT/$1.out" || fail "$1 did not end with result: OK"
}
same() {
    diff -u "$OUT/jdk17-plain.out" "$OUT/$1.out" || fail "$1 printed something else than plain JDK 17 (diff above)"
}

run jdk17-plain "$JAVA17"
grep -qx 'result: OK' "$OUT/jdk17-plain.out" || fail "the plain run did not end with result: OK"
run jdk17-cds-train "$JAVA17" -XX:ArchiveClassesAtExit="$OUT/sample-17.jsa"
[ -s "$OUT/sample-17.jsa" ] || fail "no AppCDS archive written"
run jdk17-appcds "$JAVA17" -Xshare:on -XX:SharedArchiveFile="$OUT/sample-17.jsa"
trained jdk17-cds-train
same jdk17-appcds

if [ -x "$JAVA25_HOME/bin/java" ]; then
    run jdk25-aot-train "$JAVA25_HOME/bin/java" -XX:AOTCacheOutput="$OUT/sample-25.aot"
    [ -s "$OUT/sample-25.aot" ] || fail "no AOT cache written"
    run jdk25-aot "$JAVA25_HOME/bin/java" -XX:AOTMode=on -XX:AOTCache="$OUT/sample-25.aot"
    trained jdk25-aot-train
    same jdk25-aot
    echo "[fast-start] OK: AppCDS (17) and AOT cache (25) runs print the plain JDK 17 output"
else
    echo "[fast-start] OK: AppCDS (17) prints the plain JDK 17 output; AOT cache SKIPPED (no JDK 25 at $JAVA25_HOME)"
fi
