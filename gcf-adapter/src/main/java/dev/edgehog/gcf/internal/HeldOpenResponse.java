// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf.internal;

import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link HttpResponse} a wrapped function sees: the framework's own, except that closing
 * its writer or output stream does nothing.
 *
 * <p>Why: the Java Functions Framework sends the response the moment the function closes the
 * writer (a {@code try (Writer w = response.getWriter())} block does that), which would put
 * the response before the wrapper's flush. Holding the close back keeps "events first,
 * response second" for such code: the framework completes the response itself once {@code
 * service} has returned, which is after the flush. Writing after such a close is then not an
 * error. (An explicit {@code flush()} still goes through; it may send the status and part of
 * the body early, but the response is complete only when the framework ends it.) Everything else is passed straight through.
 * Used by one invocation's thread only.
 */
public final class HeldOpenResponse implements HttpResponse {
    private final HttpResponse delegate;
    private BufferedWriter writer;
    private OutputStream output;

    /** @param delegate the framework's response */
    public HeldOpenResponse(HttpResponse delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setStatusCode(int code) {
        delegate.setStatusCode(code);
    }

    @Override
    public void setStatusCode(int code, String message) {
        delegate.setStatusCode(code, message);
    }

    @Override
    public void setContentType(String contentType) {
        delegate.setContentType(contentType);
    }

    @Override
    public Optional<String> getContentType() {
        return delegate.getContentType();
    }

    @Override
    public void appendHeader(String header, String value) {
        delegate.appendHeader(header, value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return delegate.getHeaders();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (output == null) {
            output = new FilterOutputStream(delegate.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // held back: the framework closes the stream after service returns
                }
            };
        }
        return output;
    }

    @Override
    public BufferedWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PassThroughWriter(delegate.getWriter());
        }
        return writer;
    }

    /**
     * A {@link BufferedWriter} (the type the API returns) that keeps no buffer of its own:
     * every call goes straight to the framework's writer, so nothing can be stranded here, and
     * {@link #close()} does nothing.
     */
    private static final class PassThroughWriter extends BufferedWriter {
        private final BufferedWriter target;

        PassThroughWriter(BufferedWriter target) {
            super(target, 1);
            this.target = target;
        }

        @Override
        public void write(int c) throws IOException {
            target.write(c);
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            target.write(cbuf, off, len);
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            target.write(s, off, len);
        }

        @Override
        public void newLine() throws IOException {
            target.newLine();
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() {
            // held back: the framework closes the writer after service returns
        }
    }
}
