// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.spi.TransportResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redirect rules both transports follow (the wire-level cases are in {@link TransportContractTest}). */
class RedirectsTest {
    private static final Redirects.Hop GET_FLAGS = new Redirects.Hop("GET", URI.create("https://eu.i.posthog.com/flags/"),
            Map.of("Authorization", "Bearer phx_secret"), new byte[0]);

    private static TransportResponse redirect(int status, String location) {
        return new TransportResponse(status, Map.of("Location", List.of(location)), new byte[0]);
    }

    @Test
    void redirectFromHttpsToHttpIsNotFollowed() {
        assertThat(Redirects.next(GET_FLAGS, 0, redirect(302, "http://eu.i.posthog.com/flags/"))).isNull();
    }

    @Test
    void redirectWithinTheOriginKeepsTheAuthorizationHeader() {
        Redirects.Hop next = Redirects.next(GET_FLAGS, 0, redirect(308, "/flags/v2/"));

        assertThat(next.uri()).isEqualTo(URI.create("https://eu.i.posthog.com/flags/v2/"));
        assertThat(next.headers()).containsEntry("Authorization", "Bearer phx_secret");
    }

    @Test
    void redirectToAnotherHostDropsTheAuthorizationHeader() {
        Redirects.Hop next = Redirects.next(GET_FLAGS, 0, redirect(307, "https://elsewhere.example/flags/"));

        assertThat(next.headers()).doesNotContainKey("Authorization");
    }

    @Test
    void theFifthRedirectIsNotFollowed() {
        assertThat(Redirects.next(GET_FLAGS, 3, redirect(301, "/a"))).isNotNull();
        assertThat(Redirects.next(GET_FLAGS, 4, redirect(301, "/a"))).isNull();
    }

    @Test
    void nonRedirectStatusesAndUnusableLocationsEndTheChain() {
        assertThat(Redirects.next(GET_FLAGS, 0, redirect(200, "/a"))).isNull();
        assertThat(Redirects.next(GET_FLAGS, 0, redirect(304, "/a"))).isNull();
        assertThat(Redirects.next(GET_FLAGS, 0, redirect(302, " "))).isNull();
        assertThat(Redirects.next(GET_FLAGS, 0, redirect(302, "ftp://eu.i.posthog.com/x"))).isNull();
    }
}
