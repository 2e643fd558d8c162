// SPDX-License-Identifier: Apache-2.0
/**
 * Wire JSON through DSL-JSON compile-time codecs: the {@code /batch/} envelope and event DTOs
 * (their converters are generated at build time) and a hand-written writer for property
 * values that goes straight into DSL-JSON's byte buffer. No reflection, so native images need
 * no registration.
 */
package dev.edgehog.internal.json;
