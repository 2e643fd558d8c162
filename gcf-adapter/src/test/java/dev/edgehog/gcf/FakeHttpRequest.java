// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link HttpRequest} for tests: a method, a path, query parameters, headers and a text
 * body; no multipart parts. Shared with the examples through this module's test-jar.
 */
public final class FakeHttpRequest implements HttpRequest {
    private final String method;
    private final String path;
    private final byte[] body;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * @param method the HTTP method
     * @param path the path, starting with {@code /}
     * @param body the body text
     */
    public FakeHttpRequest(String method, String path, String body) {
        this.method = method;
        this.path = path;
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param path the path
     * @return a GET request without a body
     */
    public static FakeHttpRequest get(String path) {
        return new FakeHttpRequest("GET", path, "");
    }

    /**
     * @param name a query parameter
     * @param value its value
     * @return this request
     */
    public FakeHttpRequest query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /**
     * @param name a header
     * @param value its value
     * @return this request
     */
    public FakeHttpRequest header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getUri() {
        return "http://127.0.0.1" + path + getQuery().map(q -> "?" + q).orElse("");
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public Optional<String> getQuery() {
        if (query.isEmpty()) {
            return Optional.empty();
        }
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(v -> pairs.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return Optional.of(String.join("&", pairs));
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
        return query;
    }

    @Override
    public Map<String, HttpPart> getParts() {
        return Map.of();
    }

    @Override
    public Optional<String> getContentType() {
        return Optional.of("text/plain");
    }

    @Override
    public long getContentLength() {
        return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
        return Optional.of("UTF-8");
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
