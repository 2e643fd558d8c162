// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded in-memory queue of buffered mode. When full, the oldest event makes room for the
 * newest, as in posthog-node. Thread-safe; every method is short and never does I/O under the
 * lock.
 */
public final class EventQueue {
    private final ArrayDeque<PreparedEvent> events = new ArrayDeque<>();
    private final int capacity;

    /** @param capacity the most events held */
    public EventQueue(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Appends an event.
     *
     * @param event the event
     * @return the event dropped to make room, or null
     */
    public synchronized PreparedEvent add(PreparedEvent event) {
        PreparedEvent dropped = events.size() >= capacity ? events.pollFirst() : null;
        events.addLast(event);
        return dropped;
    }

    /**
     * Removes the next batch from the head of the queue: at most {@code maxCount} events and,
     * unless the first event alone is larger, at most {@code maxBytes} of encoded events.
     *
     * @param maxCount most events
     * @param maxBytes most bytes of event JSON, separators included
     * @return the batch, possibly empty
     */
    public synchronized List<PreparedEvent> take(int maxCount, int maxBytes) {
        List<PreparedEvent> batch = new ArrayList<>(Math.min(maxCount, events.size()));
        int bytes = 2;
        while (batch.size() < maxCount && !events.isEmpty()) {
            int size = events.peekFirst().json().length + 1;
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            batch.add(events.pollFirst());
        }
        return batch;
    }

    /**
     * Puts a batch that could not be delivered yet back at the head, in its original order, so
     * it goes first next time. Room is made by dropping the oldest events, which are the
     * returned ones.
     *
     * @param batch the events to return
     * @return the events dropped for lack of room
     */
    public synchronized List<PreparedEvent> returnToHead(List<PreparedEvent> batch) {
        int room = capacity - events.size();
        int keepFrom = Math.max(0, batch.size() - Math.max(0, room));
        for (int i = batch.size() - 1; i >= keepFrom; i--) {
            events.addFirst(batch.get(i));
        }
        return keepFrom == 0 ? List.of() : new ArrayList<>(batch.subList(0, keepFrom));
    }

    /** @return the number of queued events */
    public synchronized int size() {
        return events.size();
    }
}
