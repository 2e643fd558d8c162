// SPDX-License-Identifier: Apache-2.0
/**
 * Build steps of the Edgehog Quarkus extension (not for applications): bean and hook
 * registration by the application's capabilities, the flag snapshot baked in at build time
 * (from a file or downloaded), and the declarations a native executable needs.
 */
package dev.edgehog.quarkus.deployment;
