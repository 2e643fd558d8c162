// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link HttpResponse} that keeps what the function wrote in memory. Shared through the test-jar. */
public final class FakeHttpResponse implements HttpResponse {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream() {
        @Override
        public void close() {
            closed = true;
        }
    };
    private volatile boolean closed;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private BufferedWriter writer;
    private int status = 200;
    private String contentType;

    @Override
    public void setStatusCode(int code) {
        status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
        status = code;
    }

    @Override
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    @Override
    public Optional<String> getContentType() {
        return Optional.ofNullable(contentType);
    }

    @Override
    public void appendHeader(String header, String value) {
        headers.computeIfAbsent(header, h -> new ArrayList<>()).add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public OutputStream getOutputStream() {
        return body;
    }

    @Override
    public BufferedWriter getWriter() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }
        return writer;
    }

    /** @return whether the function closed the response's writer or output stream */
    public boolean isClosed() {
        return closed;
    }

    /** @return the status code the function set (200 when it set none) */
    public int status() {
        return status;
    }

    /** @return what the function wrote, after flushing its writer */
    public String bodyText() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
