// SPDX-License-Identifier: Apache-2.0
/**
 * The event half of the client: preparing events (validation, hooks, enrichment, encoding),
 * the bounded queue of buffered mode, batch delivery with retries and deadlines, exception
 * properties and uncaught-exception capture. All of it runs on the caller's thread.
 */
package dev.edgehog.internal.capture;
