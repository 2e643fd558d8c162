#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Cold start by HTTP transport (a script, never a test): a fresh JDK 17 process builds a client,
# sends one event with captureImmediate and exits, with the JDK HttpClient transport (the default)
# and with the HttpURLConnection one, beside posthog-node, to a local http sink and to a local
# https sink. ROUNDS interleaved rounds (default 15) after one warm-up run of each; medians and
# ranges of "process start -> first event at the sink" and of "process start -> exit".
#
# The https sink has a self-signed EC certificate for 127.0.0.1; the JVMs trust it through a JKS copy
# of the JDK's own cacerts with that certificate added (so the JDK loads a full trust store, as
# against a real host), node through NODE_EXTRA_CA_CERTS.
#
# Needs: mvn -B -ntp -pl native-tests -am package -DskipTests first, JDK 17 as `java` (or
# JAVA17_HOME), keytool, node and npm (posthog-node pinned in bench/node/package.json). Set
# NODE=0 to leave node out. Results: native-tests/target/transport-bench/results.tsv and a
# Markdown table on stdout.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
ROOT=$(dirname "$MODULE")
OUT=$MODULE/target/transport-bench
ROUNDS=${ROUNDS:-15}
NODE=${NODE:-1}
JAVA17=${JAVA17_HOME:+$JAVA17_HOME/bin/}java
KEYTOOL=${JAVA17_HOME:+$JAVA17_HOME/bin/}keytool
NODE_DIR=$MODULE/target/bench-node
DSL_JSON=$(find "$HOME/.m2/repository/com/dslplatform/dsl-json/2.0.2" -name 'dsl-json-2.0.2.jar' | head -1)
CP=$MODULE/target/edgehog-native-tests-0.1.0-SNAPSHOT.jar:$ROOT/core/target/edgehog-core-0.1.0-SNAPSHOT.jar:$DSL_JSON
MAIN=dev.edgehog.nativetests.SampleApp
PASS=changeit

fail() { echo "transport-bench: $*" >&2; exit 1; }
[ -f "$MODULE/target/edgehog-native-tests-0.1.0-SNAPSHOT.jar" ] || fail "run mvn -B -ntp -pl native-tests -am package -DskipTests first"
rm -rf "$OUT"; mkdir -p "$OUT"

if [ "$NODE" = 1 ]; then
    if [ ! -d "$NODE_DIR/node_modules/posthog-node" ] || ! cmp -s "$HERE/node/package.json" "$NODE_DIR/package.json"; then
        rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
        cp "$HERE/node/package.json" "$HERE/node/.npmrc" "$NODE_DIR/"
        (cd "$NODE_DIR" && npm install --no-audit --no-fund >/dev/null)
    fi
    cp "$HERE/node/bench.js" "$NODE_DIR/"
fi

# TLS material: the sink's key, and a trust store = the JDK's cacerts + the sink's certificate.
"$KEYTOOL" -genkeypair -keystore "$OUT/sink.p12" -storetype PKCS12 -storepass $PASS -alias sink \
    -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 -validity 2 >/dev/null 2>&1
"$KEYTOOL" -exportcert -keystore "$OUT/sink.p12" -storepass $PASS -alias sink -rfc -file "$OUT/sink.pem" >/dev/null 2>&1
JAVA_HOME_17=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA17")")")")
"$KEYTOOL" -importkeystore -srckeystore "$JAVA_HOME_17/lib/security/cacerts" -srcstorepass changeit \
    -destkeystore "$OUT/trust.jks" -deststoretype JKS -deststorepass $PASS >/dev/null 2>&1
"$KEYTOOL" -importcert -noprompt -keystore "$OUT/trust.jks" -storepass $PASS -alias sink -file "$OUT/sink.pem" >/dev/null 2>&1

start_sink() { # <name> [tls args...] -> prints the port
    rm -f "$OUT/$1.port"
    "$JAVA17" "$HERE/Sink.java" "$OUT/$1.port" "${@:2}" > "$OUT/$1.log" 2>&1 &
    echo $! >> "$OUT/sink.pids"
    for _ in $(seq 1 200); do [ -s "$OUT/$1.port" ] && break; sleep 0.05; done
    [ -s "$OUT/$1.port" ] || fail "sink $1 did not start: $(cat "$OUT/$1.log")"
}
trap 'while read -r p; do kill "$p" 2>/dev/null || true; done < "$OUT/sink.pids"' EXIT
: > "$OUT/sink.pids"
start_sink http
start_sink https "$OUT/sink.p12" $PASS
HTTP=http://127.0.0.1:$(cat "$OUT/http.port")
HTTPS=https://127.0.0.1:$(cat "$OUT/https.port")
TRUST="-Djavax.net.ssl.trustStore=$OUT/trust.jks -Djavax.net.ssl.trustStoreType=JKS -Djavax.net.ssl.trustStorePassword=$PASS"

command_for() { # <config>
    case $1 in
        http-client) echo "$JAVA17 -cp $CP $MAIN first-event $HTTP http-client" ;;
        url-connection) echo "$JAVA17 -cp $CP $MAIN first-event $HTTP url-connection" ;;
        node) echo "node $NODE_DIR/bench.js first-event $HTTP" ;;
        https-http-client) echo "$JAVA17 $TRUST -cp $CP $MAIN first-event $HTTPS http-client" ;;
        https-url-connection) echo "$JAVA17 $TRUST -cp $CP $MAIN first-event $HTTPS url-connection" ;;
        https-node) echo "node $NODE_DIR/bench.js first-event $HTTPS" ;;
    esac
}

measure() { # <config> -> "<us to first event> <ms to exit>"
    local sink=$HTTP; case $1 in https-*) sink=$HTTPS ;; esac
    curl -sk "$sink/reset" >/dev/null
    local start end first events
    start=$(date +%s%N)
    # shellcheck disable=SC2046
    NODE_EXTRA_CA_CERTS=$OUT/sink.pem $(command_for "$1") > "$OUT/run.out" 2>&1 || fail "$1 failed: $(cat "$OUT/run.out")"
    end=$(date +%s%N)
    read -r first events _ < <(curl -sk "$sink/stats"; echo)
    [ "$events" -gt 0 ] || fail "$1: nothing arrived"
    echo "$(( (first - start) / 1000 )) $(( (end - start) / 1000000 ))"
}

CONFIGS=(http-client url-connection https-http-client https-url-connection)
[ "$NODE" = 1 ] && CONFIGS+=(node https-node)
echo "config	round	first_event_us	exit_ms" > "$OUT/results.tsv"
for config in "${CONFIGS[@]}"; do measure "$config" > /dev/null; done   # warm-up (page cache)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
    for config in "${CONFIGS[@]}"; do
        printf '%s\t%s\t%s\n' "$config" "$round" "$(measure "$config" | tr ' ' '\t')" >> "$OUT/results.tsv"
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $LOAD_BEFORE before, $LOAD_AFTER after; $ROUNDS interleaved rounds"
echo "# $("$JAVA17" -version 2>&1 | head -1); node $(node --version)"
echo
echo "| config | first event, median ms | min-max ms | exit, median ms |"
echo "|---|---:|---:|---:|"
for config in "${CONFIGS[@]}"; do
    awk -F'\t' -v c="$config" 'BEGIN { n = 0 } $1 == c { f[n] = $3 / 1000; e[n] = $4; n++ }
        function median(a, n,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
        END { m = median(f, n); lo = f[0]; hi = f[n - 1]; printf "| %s | %.0f | %.0f-%.0f | %.0f |\n", c, m, lo, hi, median(e, n) }' "$OUT/results.tsv"
done
