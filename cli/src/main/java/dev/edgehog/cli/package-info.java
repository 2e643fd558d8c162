// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code edgehog} command-line tool. {@code flags eval} evaluates feature flags offline
 * against a definitions file, for people debugging why a user gets a value; it sends nothing
 * anywhere. {@code flags snapshot} downloads the flag definitions once and writes a dated,
 * ETagged snapshot to bake into a package. An application, not a library: nothing here is API.
 */
package dev.edgehog.cli;
