// SPDX-License-Identifier: Apache-2.0
/**
 * JMH benchmarks of Edgehog's capture and batch-encoding path, each measured beside a
 * Jackson-databind baseline doing the same work the ordinary way, and of feature flags: the
 * local evaluator, the client's flag call and the snapshot cold start, beside posthog-node. Run
 * them with {@code benchmarks/run.sh} and {@code benchmarks/run-flags.sh}; {@code
 * BenchmarksSmokeTest} only proves they run.
 */
package dev.edgehog.benchmarks;
