#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Start-up and burst benchmark (a script, never a test): Edgehog on JDK 17 plain (with the default
# JDK HttpClient transport and with the URL_CONNECTION one), JDK 17 AppCDS,
# JDK 25 AOT cache and as a native image, beside posthog-node (pinned in bench/node/package.json,
# installed with npm into native-tests/target/bench-node), all sending to one local sink
# (bench/Sink.java on 127.0.0.1).
#
#   start-up: process start -> first event received by the sink, and the process's peak RSS;
#             ROUNDS interleaved rounds (default 11) after one warm-up run of each, medians and ranges.
#   burst:    BURST captures (default 100000) flushed to the sink: delivered count, events per
#             second of the whole process, CPU per 1,000 events, wire bytes per event, peak RSS;
#             BURST_ROUNDS rounds (default 3), medians.
#
# Needs: a `mvn -Pnative -pl native-tests -am verify` first (the sample jar, its class path and
# the native executable), JDK 17 as `java` (or JAVA17_HOME), Temurin 25 (JAVA25_HOME), node and
# npm. Results: native-tests/target/bench/results.tsv, a Markdown table on stdout, and the plot
# native-tests/target/bench/startup.png.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
OUT=$MODULE/target/bench
ROUNDS=${ROUNDS:-11}
BURST=${BURST:-100000}
BURST_ROUNDS=${BURST_ROUNDS:-3}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA17=${JAVA17_HOME:+$JAVA17_HOME/bin/}java
JAVA25=$JAVA25_HOME/bin/java
NATIVE=$MODULE/target/native/edgehog-sample
NODE_DIR=$MODULE/target/bench-node
CP=$MODULE/target/edgehog-native-tests-0.1.0-SNAPSHOT.jar:$(cat "$MODULE/target/sample.classpath")
MAIN=dev.edgehog.nativetests.SampleApp

fail() { echo "startup-bench: $*" >&2; exit 1; }
[ -x "$NATIVE" ] || fail "no $NATIVE: run mvn -B -ntp -Pnative -pl native-tests -am verify first"
[ -x "$JAVA25" ] || fail "no JDK 25 at $JAVA25_HOME"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are needed"
mkdir -p "$OUT"

# posthog-node, pinned, no lockfile (bench/node/.npmrc).
if [ ! -d "$NODE_DIR/node_modules/posthog-node" ] || ! cmp -s "$HERE/node/package.json" "$NODE_DIR/package.json"; then
    rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
    cp "$HERE/node/package.json" "$HERE/node/.npmrc" "$NODE_DIR/"
    (cd "$NODE_DIR" && npm install --no-audit --no-fund >/dev/null)
fi
cp "$HERE/node/bench.js" "$NODE_DIR/"
NODE_VERSION=$(node -p "require(process.argv[1]).version" "$NODE_DIR/node_modules/posthog-node/package.json")

# The sink.
rm -f "$OUT/sink.port"
"$JAVA17" "$HERE/Sink.java" "$OUT/sink.port" > "$OUT/sink.log" 2>&1 &
SINK_PID=$!
trap 'kill $SINK_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do [ -s "$OUT/sink.port" ] && break; sleep 0.05; done
[ -s "$OUT/sink.port" ] || fail "the sink did not start: $(cat "$OUT/sink.log")"
HOST=http://127.0.0.1:$(cat "$OUT/sink.port")

# command <config> <mode> [count]: the command line of one client run.
command_for() {
    local config=$1; shift
    case $config in
        jvm17) echo "$JAVA17 -cp $CP $MAIN $*" ;;
        jvm17-urlconn) echo "$JAVA17 -cp $CP $MAIN $* url-connection" ;;
        jvm17-appcds) echo "$JAVA17 -Xshare:on -XX:SharedArchiveFile=$OUT/first-17.jsa -cp $CP $MAIN $*" ;;
        jvm25-aot) echo "$JAVA25 -XX:AOTMode=on -XX:AOTCache=$OUT/first-25.aot -cp $CP $MAIN $*" ;;
        native) echo "$NATIVE $*" ;;
        node) echo "node $NODE_DIR/bench.js $*" ;;
    esac
}

# measure <config> <mode> [count]
#   -> "<us to first event> <events> <wire bytes> <ms to exit> <cpu s> <max rss KB>"
measure() {
    curl -s "$HOST/reset" >/dev/null
    local start end
    start=$(date +%s%N)
    # shellcheck disable=SC2046
    /usr/bin/time -f '%U %S %M' -o "$OUT/time.txt" $(command_for "$@") > "$OUT/run.out" 2>&1 \
        || fail "$1 $2 failed: $(cat "$OUT/run.out")"
    end=$(date +%s%N)
    local first events bytes requests user sys rss
    read -r first events bytes requests < <(curl -s "$HOST/stats"; echo)
    read -r user sys rss < "$OUT/time.txt"
    [ "$events" -gt 0 ] || fail "$1 $2: nothing arrived"
    echo "$(( (first - start) / 1000 )) $events $bytes $(( (end - start) / 1000000 )) $(echo "$user + $sys" | bc) $rss"
}

# Training runs for the archive and the cache (the first-event scenario itself).
"$JAVA17" -XX:ArchiveClassesAtExit="$OUT/first-17.jsa" -cp "$CP" $MAIN first-event "$HOST" > /dev/null 2>&1
"$JAVA25" -XX:AOTCacheOutput="$OUT/first-25.aot" -cp "$CP" $MAIN first-event "$HOST" > /dev/null 2>&1

CONFIGS=(jvm17 jvm17-urlconn jvm17-appcds jvm25-aot native node)
echo "config	round	first_event_us	events	wire_bytes	exit_ms	cpu_s	max_rss_kb" > "$OUT/startup.tsv"
for config in "${CONFIGS[@]}"; do measure "$config" first-event "$HOST" > /dev/null; done   # warm-up
for round in $(seq 1 "$ROUNDS"); do
    for config in "${CONFIGS[@]}"; do
        printf '%s\t%s\t%s\n' "$config" "$round" "$(measure "$config" first-event "$HOST" | tr ' ' '\t')" >> "$OUT/startup.tsv"
    done
done

BURST_CONFIGS=(jvm17 native node)
echo "config	round	first_event_us	events	wire_bytes	exit_ms	cpu_s	max_rss_kb" > "$OUT/burst.tsv"
for round in $(seq 1 "$BURST_ROUNDS"); do
    for config in "${BURST_CONFIGS[@]}"; do
        printf '%s\t%s\t%s\n' "$config" "$round" "$(measure "$config" burst "$HOST" "$BURST" | tr ' ' '\t')" >> "$OUT/burst.tsv"
    done
done

# Summary: medians (and min-max) per config.
{
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# $("$JAVA17" -version 2>&1 | head -1); $("$JAVA25" -version 2>&1 | head -1); node $(node --version), posthog-node $NODE_VERSION"
} > "$OUT/machine.txt"
"$JAVA17" -Djava.awt.headless=true "$HERE/Report.java" "$OUT" "$BURST"
