// SPDX-License-Identifier: Apache-2.0
/**
 * Public feature-flag types: the evaluation input ({@link dev.edgehog.flags.FlagContext}) and
 * its outcome ({@link dev.edgehog.flags.FlagResult}, {@link dev.edgehog.flags.FlagValue},
 * {@link dev.edgehog.flags.FlagReason}). Application code reads these; they are immutable and
 * carry no JSON annotations.
 */
package dev.edgehog.flags;
