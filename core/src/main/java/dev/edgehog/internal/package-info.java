// SPDX-License-Identifier: Apache-2.0
/**
 * Implementation of Edgehog, free to change between releases. Nothing here is API: depend only
 * on {@code dev.edgehog}, {@code dev.edgehog.flags} and {@code dev.edgehog.spi}.
 */
package dev.edgehog.internal;
