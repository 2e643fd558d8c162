// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import java.util.List;

/**
 * Events already encoded as JSON objects, spliced verbatim into a batch.
 *
 * @param events one UTF-8 JSON object per event
 */
public record EncodedEvents(List<byte[]> events) {
    /** Copies the list. */
    public EncodedEvents {
        events = List.copyOf(events);
    }

    /** @return the sum of the events' sizes plus the separators between them */
    public int jsonSize() {
        int n = 2 + Math.max(0, events.size() - 1);
        for (byte[] e : events) {
            n += e.length;
        }
        return n;
    }
}
