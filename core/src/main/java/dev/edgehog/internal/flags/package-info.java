// SPDX-License-Identifier: Apache-2.0
/**
 * The local feature-flag evaluator: parsed {@link dev.edgehog.internal.flags.FlagDefinitions}
 * and the {@link dev.edgehog.internal.flags.LocalEvaluator} that reproduces posthog-node's
 * local evaluation (hashing, conditions, operators, cohorts, dependencies). Internal to the
 * SDK: the client and the CLI use it; applications use {@code dev.edgehog.flags}.
 */
package dev.edgehog.internal.flags;
