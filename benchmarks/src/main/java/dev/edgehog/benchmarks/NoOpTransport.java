// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;

/**
 * A transport that answers every request with 200 at once, so a benchmark measures the client
 * and not the network. It counts what it was given, which keeps the body observable (the JIT
 * cannot drop the work that produced it) and lets a benchmark check that batches went out.
 * One thread only.
 */
public final class NoOpTransport implements Transport {
    private static final TransportResponse OK = TransportResponse.of(200);

    private long requests;
    private long bytes;

    @Override
    public TransportResponse send(TransportRequest request) {
        requests++;
        bytes += request.body().length;
        return OK;
    }

    /** @return the requests received */
    public long requests() {
        return requests;
    }

    /** @return the body bytes received */
    public long bytes() {
        return bytes;
    }
}
