// SPDX-License-Identifier: Apache-2.0
/** An HTTP application using the extension, for the extension's integration tests only. */
package dev.edgehog.quarkus.it;
