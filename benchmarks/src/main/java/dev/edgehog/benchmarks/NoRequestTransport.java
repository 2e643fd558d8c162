// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;

/**
 * A transport for flag benchmarks, where no request may happen: every request is counted and
 * fails with an exception, and {@link #check()} (called at the end of a trial) fails the
 * benchmark if there was any. {@link #disarm()} lets the client's closing flush through (to
 * nowhere) once the measurement is over.
 */
public final class NoRequestTransport implements Transport {
    private volatile boolean armed = true;
    private volatile long requests;
    private volatile String first;

    @Override
    public TransportResponse send(TransportRequest request) {
        if (!armed) {
            return TransportResponse.of(200);
        }
        requests++;
        if (first == null) {
            first = request.method() + " " + request.uri().getPath();
        }
        throw new IllegalStateException("a flag call made a request: " + first);
    }

    /** Lets requests through (answered 200, not counted) from now on. */
    public void disarm() {
        armed = false;
    }

    /** @return the requests made while armed */
    public long requests() {
        return requests;
    }

    /**
     * @throws IllegalStateException if any request was made while armed
     */
    public void check() {
        if (requests > 0) {
            throw new IllegalStateException(requests + " requests were made during a benchmark that must make none; "
                    + "the first was " + first);
        }
    }
}
