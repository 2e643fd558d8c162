// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushOptionsTest {

    @Test
    void defaultsDeferToTheClientsFlushTimeoutAndCaptureExceptions() {
        FlushOptions options = FlushOptions.defaults();

        assertThat(options.flushTimeout()).isNull();
        assertThat(options.isCaptureExceptions()).isTrue();
    }

    @Test
    void rejectsAZeroFlushTimeoutNamingTheOption() {
        FlushOptions.Builder builder = FlushOptions.builder().flushTimeout(Duration.ZERO);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flushTimeout")
                .hasMessageContaining("PT0S");
    }

    @Test
    void rejectsANegativeFlushTimeout() {
        FlushOptions.Builder builder = FlushOptions.builder().flushTimeout(Duration.ofMillis(-1));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
    }
}
