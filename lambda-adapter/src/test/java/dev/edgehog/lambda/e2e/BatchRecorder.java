// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * A WireMock listener that puts each {@code POST /batch/} on the shared {@link Timeline} the
 * moment it arrives, before stub matching and before any stub delay.
 */
final class BatchRecorder implements ServeEventListener {
    private final Timeline timeline;

    BatchRecorder(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
        Request r = serveEvent.getRequest();
        if ("POST".equals(r.getMethod().getName()) && r.getUrl().startsWith("/batch/")) {
            timeline.add(Timeline.Kind.BATCH, null, text(r.getBody()));
        }
    }

    @Override
    public String getName() {
        return "edgehog-batch-recorder";
    }

    private static String text(byte[] body) {
        if (body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
