// SPDX-License-Identifier: Apache-2.0
/**
 * Internals of the Cloud Functions adapter: the per-invocation run-capture-flush sequence the
 * public wrappers share. Not an API; it may change in any release.
 */
package dev.edgehog.gcf.internal;
