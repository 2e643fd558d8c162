// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

/**
 * The built-in HTTP layers, chosen with {@link PostHogOptions.Builder#httpTransport(HttpTransport)}
 * or {@code POSTHOG_HTTP_TRANSPORT}. Both send the same requests and report the same outcomes;
 * they differ in what the first request of a process costs and in the thread the JDK keeps.
 *
 * @since 0.1.0
 */
public enum HttpTransport {
    /**
     * The JDK {@link java.net.http.HttpClient} (the default; {@code POSTHOG_HTTP_TRANSPORT=http-client}).
     * Building the client and its first exchange cost a fresh JVM roughly 200 ms or more before
     * the first event leaves; afterwards it is as fast as the other. The JDK runs one selector
     * thread per client, created on the first request.
     */
    JDK_HTTP_CLIENT("http-client"),

    /**
     * {@link java.net.HttpURLConnection} ({@code POSTHOG_HTTP_TRANSPORT=url-connection}): the
     * cheap choice for a plain JVM that starts, sends and ends, where its first request costs a
     * few tens of milliseconds. A 401 or 407 answer to a POST is reported without its headers
     * and body. The JDK keeps one shared daemon thread ({@code Keep-Alive-Timer}) while
     * connections are pooled. Meant for the JVM: a native image starts the default in
     * milliseconds, and would need GraalVM's {@code --enable-url-protocols=http,https} for this
     * one.
     */
    URL_CONNECTION("url-connection");

    private final String environmentValue;

    HttpTransport(String environmentValue) {
        this.environmentValue = environmentValue;
    }

    /** @return the value of {@code POSTHOG_HTTP_TRANSPORT} that selects this transport */
    public String environmentValue() {
        return environmentValue;
    }
}
