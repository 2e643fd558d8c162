// SPDX-License-Identifier: Apache-2.0
/**
 * JMH benchmarks of Edgehog's capture and batch-encoding path, each measured beside a
 * Jackson-databind baseline doing the same work the ordinary way. Run them with
 * {@code benchmarks/run.sh}; {@code BenchmarksSmokeTest} only proves they run.
 */
package dev.edgehog.benchmarks;
