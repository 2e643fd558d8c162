// SPDX-License-Identifier: Apache-2.0
/**
 * Edgehog for AWS Lambda: handler wrappers that send an invocation's PostHog events before the
 * invocation ends, within its deadline. Extend {@link dev.edgehog.lambda.FlushingRequestHandler}
 * or {@link dev.edgehog.lambda.FlushingStreamHandler}, or wrap a handler body with {@link
 * dev.edgehog.lambda.PostHogLambda#withFlush}. SnapStart support is built in.
 */
package dev.edgehog.lambda;
