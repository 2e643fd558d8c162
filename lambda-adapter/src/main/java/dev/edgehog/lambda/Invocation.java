// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

/**
 * The body of a Lambda invocation that returns a value, for {@link PostHogLambda#withFlush(
 * dev.edgehog.PostHog, com.amazonaws.services.lambda.runtime.Context, Invocation)}. It may throw
 * a checked exception of type {@code E}, which the adapter rethrows unchanged.
 *
 * @param <T> the result type
 * @param <E> the checked exception the body may throw ({@link RuntimeException} when none)
 * @since 0.1.0
 */
@FunctionalInterface
public interface Invocation<T, E extends Exception> {

    /**
     * Runs the handler's work.
     *
     * @return the invocation's result
     * @throws E when the handler fails
     */
    T call() throws E;
}
