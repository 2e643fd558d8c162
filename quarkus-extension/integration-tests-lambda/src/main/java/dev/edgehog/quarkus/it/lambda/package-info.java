// SPDX-License-Identifier: Apache-2.0
/** A quarkus-amazon-lambda application using the extension, for the extension's integration tests only. */
package dev.edgehog.quarkus.it.lambda;
