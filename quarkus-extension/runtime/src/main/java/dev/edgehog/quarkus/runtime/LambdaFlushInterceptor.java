// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.PostHog;
import dev.edgehog.lambda.PostHogLambda;
import io.quarkus.runtime.ImageMode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs each invocation of a Lambda handler through {@link PostHogLambda#invoke}: the handler's
 * exception is captured (unless {@code quarkus.posthog.lambda.capture-exceptions=false}) and
 * rethrown unchanged, and the client is flushed before the invocation returns, within its
 * remaining time minus {@code quarkus.posthog.lambda.safety-margin}. Registered only when the
 * application has {@code quarkus-amazon-lambda}.
 *
 * @since 0.1.0
 */
@LambdaFlush
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class LambdaFlushInterceptor {
    private final PostHogLambda lambda;

    /**
     * @param adapter the application's Lambda adapter
     */
    @Inject
    public LambdaFlushInterceptor(Adapter adapter) {
        this.lambda = adapter.lambda;
    }

    /**
     * Runs the invocation and flushes.
     *
     * @param ic the intercepted call
     * @return what the handler returned
     * @throws Exception what the handler threw, unchanged
     */
    @AroundInvoke
    public Object flushAfterInvocation(InvocationContext ic) throws Exception {
        return lambda.invoke(contextOf(ic.getParameters()), ic::proceed);
    }

    private static Context contextOf(Object[] parameters) {
        for (Object p : parameters) {
            if (p instanceof Context c) {
                return c;
            }
        }
        return null;
    }

    /**
     * Holds the one {@link PostHogLambda} of the application: interceptor instances live as long
     * as the (possibly per-invocation) handler beans they wrap, the adapter must not.
     */
    @jakarta.inject.Singleton
    public static class Adapter {
        final PostHogLambda lambda;

        /**
         * @param posthog the client
         * @param config the run-time configuration
         */
        @Inject
        public Adapter(PostHog posthog, PostHogConfig config) {
            this.lambda = PostHogLambda.builder(posthog)
                    .captureExceptions(config.lambda().captureExceptions())
                    .safetyMargin(config.lambda().safetyMargin())
                    // The adapter's CRaC hooks flush before a SnapStart checkpoint and reseed
                    // after a restore; a native executable is never checkpointed.
                    .snapStart(!ImageMode.current().isNativeImage())
                    .build();
        }
    }
}
