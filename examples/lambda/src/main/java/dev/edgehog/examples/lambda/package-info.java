// SPDX-License-Identifier: Apache-2.0
/**
 * Sample AWS Lambda handlers using Edgehog: {@link dev.edgehog.examples.lambda.OrderHandler}
 * extends the flushing wrapper, {@link dev.edgehog.examples.lambda.PingHandler} uses the
 * functional helper. Not published; see the module README.
 */
package dev.edgehog.examples.lambda;
