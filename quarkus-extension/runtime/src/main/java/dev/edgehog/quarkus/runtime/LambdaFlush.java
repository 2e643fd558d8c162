// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.runtime;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Flushes the PostHog client at the end of the annotated Lambda handler method, within the
 * invocation's deadline, through {@link dev.edgehog.lambda.PostHogLambda}. On {@code
 * quarkus-amazon-lambda} the extension adds it at build time to the {@code handleRequest}
 * methods of every {@code RequestHandler} and {@code RequestStreamHandler}; there is no need to
 * write it. The method needs a {@code com.amazonaws.services.lambda.runtime.Context} parameter
 * for the deadline (without one, only {@code quarkus.posthog.flush-timeout} limits the flush).
 *
 * @since 0.1.0
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface LambdaFlush {
}
