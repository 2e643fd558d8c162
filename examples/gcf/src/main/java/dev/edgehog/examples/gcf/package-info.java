// SPDX-License-Identifier: Apache-2.0
/**
 * A sample Google Cloud Function wired with edgehog-gcf; see this module's README. Not
 * published.
 */
package dev.edgehog.examples.gcf;
