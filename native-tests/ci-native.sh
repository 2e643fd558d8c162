#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# CI step for the native-image harness and the JDK 25 fast-start check. Both need the Temurin 25
# JDK (JVMCI for the image builder, the AOT cache for the JVM run); no package registry supplies a
# JDK 25 that runs on this CI image, so without it the step says so and skips. Budget: about
# 5 minutes (one image build of 2.5-4 min on 2 cores, then a few seconds of runs).
# Unit tests already ran in the plain `mvn verify`, so they are not run again here.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA25_HOME
if [ ! -x "$JAVA25_HOME/bin/java" ]; then
    echo "native-tests: SKIPPED - no Temurin 25 JDK at $JAVA25_HOME (set JAVA25_HOME); the native-image" \
         "build and the JDK 25 AOT-cache run did NOT run. The always-on checks (bytecode scan, metadata," \
         "sample on the JVM) ran in mvn verify."
    exit 0
fi
echo "native-tests: building and running the sample as a native image with $JAVA25_HOME"
timeout 900 mvn -B -ntp -Pnative -pl native-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
