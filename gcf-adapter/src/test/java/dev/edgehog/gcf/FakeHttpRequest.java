// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link HttpRequest} with a method, a path and a text body; no headers or parts. */
final class FakeHttpRequest implements HttpRequest {
    private final String method;
    private final String path;
    private final byte[] body;

    FakeHttpRequest(String method, String path, String body) {
        this.method = method;
        this.path = path;
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    static FakeHttpRequest get(String path) {
        return new FakeHttpRequest("GET", path, "");
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getUri() {
        return "http://127.0.0.1" + path;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public Optional<String> getQuery() {
        return Optional.empty();
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
        return Map.of();
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
        return Map.of();
    }
}
