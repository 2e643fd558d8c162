// SPDX-License-Identifier: Apache-2.0
/**
 * A runnable tour of Edgehog: {@link dev.edgehog.examples.demo.Demo} drives the real client
 * through a realistic sequence of calls against {@link dev.edgehog.examples.demo.PostHogStandIn},
 * an in-process stand-in for PostHog, and prints what arrived. Example code for readers, not
 * a library: nothing here is published.
 */
package dev.edgehog.examples.demo;
