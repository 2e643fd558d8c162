// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import dev.edgehog.PostHogOptions;
import dev.edgehog.spi.Transport;

/** The transport a set of options asks for. */
public final class Transports {
    private Transports() {}

    /**
     * @param options the client options
     * @return their custom transport, or else the built-in one {@link PostHogOptions#httpTransport()} names
     */
    public static Transport forOptions(PostHogOptions options) {
        if (options.transport() != null) {
            return options.transport();
        }
        return switch (options.httpTransport()) {
            case URL_CONNECTION -> new UrlConnectionTransport(options.requestTimeout());
            case JDK_HTTP_CLIENT -> new HttpClientTransport(options.requestTimeout());
        };
    }
}
