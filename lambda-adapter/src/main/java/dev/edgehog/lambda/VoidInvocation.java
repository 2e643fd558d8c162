// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

/**
 * The body of a Lambda invocation that returns nothing (a stream handler writes its output
 * itself), for {@link PostHogLambda#withFlush(dev.edgehog.PostHog,
 * com.amazonaws.services.lambda.runtime.Context, VoidInvocation)}.
 *
 * @param <E> the checked exception the body may throw ({@link RuntimeException} when none)
 * @since 0.1.0
 */
@FunctionalInterface
public interface VoidInvocation<E extends Exception> {

    /**
     * Runs the handler's work.
     *
     * @throws E when the handler fails
     */
    void run() throws E;
}
