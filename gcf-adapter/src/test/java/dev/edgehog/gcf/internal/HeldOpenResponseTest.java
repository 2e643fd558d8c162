// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.gcf.FakeHttpResponse;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldOpenResponseTest {
    private final FakeHttpResponse framework = new FakeHttpResponse();
    private final HeldOpenResponse response = new HeldOpenResponse(framework);

    @Test
    void closingTheWriterLeavesTheFrameworksResponseOpen() throws Exception {
        BufferedWriter writer = response.getWriter();
        writer.write("hello");

        writer.close();

        assertThat(framework.isClosed()).isFalse();
        assertThat(framework.bodyText()).isEqualTo("hello");
    }

    @Test
    void closingTheOutputStreamLeavesTheFrameworksResponseOpen() throws Exception {
        OutputStream out = response.getOutputStream();
        out.write(new byte[] {'h', 'i'}, 0, 2);
        out.write('!');

        out.close();

        assertThat(framework.isClosed()).isFalse();
        assertThat(framework.bodyText()).isEqualTo("hi!");
    }

    @Test
    void writesReachTheFrameworksWriterWithoutBeingHeldInABufferOfItsOwn() throws Exception {
        BufferedWriter writer = response.getWriter();

        writer.write("a");
        writer.write(new char[] {'b', 'c'}, 0, 2);
        writer.append("d").append('e');
        writer.newLine();

        assertThat(framework.bodyText()).isEqualTo("abcde" + System.lineSeparator());
        assertThat(response.getWriter()).isSameAs(writer);
    }

    @Test
    void passesStatusContentTypeAndHeadersThrough() throws Exception {
        response.setStatusCode(418, "teapot");
        response.setContentType("text/plain");
        response.appendHeader("X-Trace", "abc");

        assertThat(framework.status()).isEqualTo(418);
        assertThat(framework.getContentType()).contains("text/plain");
        assertThat(response.getHeaders()).containsEntry("X-Trace", List.of("abc"));
    }
}
