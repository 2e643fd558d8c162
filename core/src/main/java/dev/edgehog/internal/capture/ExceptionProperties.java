// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the properties of PostHog's {@code $exception} event from a {@link Throwable}:
 * {@code $exception_list} (the throwable, then up to four causes, each with its Java frames)
 * and {@code $exception_level}. Frames use PostHog's JVM shape ({@code platform: "java"},
 * {@code module} = class, {@code function} = method), innermost first as Java prints them.
 */
public final class ExceptionProperties {
    /** posthog-node keeps the error and at most four nested causes. */
    static final int MAX_CHAIN = 5;
    private static final String[] FRAMEWORK_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "kotlin.", "scala.", "dev.edgehog.",
        "org.junit.", "com.amazonaws.services.lambda.", "io.quarkus.", "io.vertx.", "io.netty.",
        "org.jboss.", "com.google.cloud.functions.", "org.eclipse.jetty."
    };

    private ExceptionProperties() {}

    /**
     * @param error the throwable
     * @param handled whether the application caught it (false for uncaught exceptions)
     * @param mechanism how it was captured: {@code generic} or {@code onuncaughtexception}
     * @return the {@code $exception_list} and {@code $exception_level} properties
     */
    public static Map<String, Object> of(Throwable error, boolean handled, String mechanism) {
        List<Object> list = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long threadId = Thread.currentThread().getId();
        for (Throwable t = error; t != null && list.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            list.add(entry(t, handled, mechanism, threadId));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("$exception_list", list);
        props.put("$exception_level", handled ? "error" : "fatal");
        return props;
    }

    private static Map<String, Object> entry(Throwable t, boolean handled, String mechanism, long threadId) {
        Map<String, Object> m = new LinkedHashMap<>();
        String className = t.getClass().getName();
        int dot = className.lastIndexOf('.');
        m.put("type", dot < 0 ? className : className.substring(dot + 1));
        if (t.getMessage() != null && !t.getMessage().isEmpty()) {
            m.put("value", t.getMessage());
        }
        if (dot > 0) {
            m.put("module", className.substring(0, dot));
        }
        Map<String, Object> mech = new LinkedHashMap<>();
        mech.put("type", mechanism);
        mech.put("handled", handled);
        mech.put("synthetic", false);
        m.put("mechanism", mech);
        m.put("thread_id", threadId);
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length > 0) {
            List<Object> frames = new ArrayList<>(trace.length);
            for (StackTraceElement e : trace) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("platform", "java");
                f.put("module", e.getClassName());
                f.put("function", e.getMethodName());
                if (e.getFileName() != null && !e.getFileName().isEmpty()) {
                    f.put("filename", e.getFileName());
                }
                if (e.getLineNumber() >= 0) {
                    f.put("lineno", e.getLineNumber());
                }
                f.put("in_app", isInApp(e.getClassName()));
                frames.add(f);
            }
            Map<String, Object> stack = new LinkedHashMap<>();
            stack.put("type", "raw");
            stack.put("frames", frames);
            m.put("stacktrace", stack);
        }
        return m;
    }

    static boolean isInApp(String className) {
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
