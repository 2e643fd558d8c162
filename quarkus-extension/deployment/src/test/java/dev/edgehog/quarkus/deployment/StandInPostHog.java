// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * One WireMock server per test JVM playing PostHog on 127.0.0.1. QuarkusUnitTest loads a test
 * class twice (once outside, once inside the application's class loader), so the server is
 * started once and found again through a system property; tests read what it received through
 * the admin client.
 */
final class StandInPostHog {
    private static final String PORT_PROPERTY = "edgehog.test.posthog.port";

    private StandInPostHog() {
    }

    /** @return the port of the running server, starting it on first use */
    static synchronized int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"status\": 1}")));
            port = Integer.toString(server.port());
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    /** @return the server's base URL */
    static String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return an admin client for the server */
    static WireMock admin() {
        return new WireMock("127.0.0.1", port());
    }
}
