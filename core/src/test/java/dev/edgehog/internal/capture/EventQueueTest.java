// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void addDropsTheOldestEventWhenFull() {
        EventQueue queue = new EventQueue(2);
        queue.add(event("a", 10));
        queue.add(event("b", 10));

        PreparedEvent dropped = queue.add(event("c", 10));

        assertThat(dropped.name()).isEqualTo("a");
        assertThat(names(queue.take(10, Integer.MAX_VALUE))).containsExactly("b", "c");
    }

    @Test
    void addDropsNothingBelowCapacity() {
        EventQueue queue = new EventQueue(2);

        PreparedEvent dropped = queue.add(event("a", 10));

        assertThat(dropped).isNull();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void takeRemovesAtMostMaxCountFromTheHead() {
        EventQueue queue = queueOf(5, 10);

        List<PreparedEvent> batch = queue.take(3, Integer.MAX_VALUE);

        assertThat(names(batch)).containsExactly("e0", "e1", "e2");
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void takeStopsBeforeTheEventsAndSeparatorsExceedMaxBytes() {
        EventQueue queue = queueOf(5, 10);

        // "[" + 3 events of 10 bytes + separators + "]" = 2 + 3 * 11 = 35 bytes; a 4th would make 46.
        List<PreparedEvent> batch = queue.take(100, 45);

        assertThat(names(batch)).containsExactly("e0", "e1", "e2");
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void takeTakesAFirstEventLargerThanMaxBytesAlone() {
        EventQueue queue = new EventQueue(10);
        queue.add(event("big", 500));
        queue.add(event("small", 10));

        List<PreparedEvent> batch = queue.take(100, 100);

        assertThat(names(batch)).containsExactly("big");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void takeFromAnEmptyQueueReturnsAnEmptyBatch() {
        EventQueue queue = new EventQueue(10);

        assertThat(queue.take(100, 1000)).isEmpty();
    }

    @Test
    void returnToHeadPutsTheBatchBackFirstInItsOriginalOrder() {
        EventQueue queue = new EventQueue(10);
        for (int i = 0; i < 4; i++) {
            queue.add(event("e" + i, 10));
        }
        List<PreparedEvent> batch = queue.take(2, Integer.MAX_VALUE);
        queue.add(event("late", 10));

        List<PreparedEvent> dropped = queue.returnToHead(batch);

        assertThat(dropped).isEmpty();
        assertThat(names(queue.take(100, Integer.MAX_VALUE))).containsExactly("e0", "e1", "e2", "e3", "late");
    }

    @Test
    void returnToHeadDropsTheOldestReturnedEventsWhenThereIsNoRoom() {
        EventQueue queue = queueOf(3, 10);
        List<PreparedEvent> batch = queue.take(3, Integer.MAX_VALUE);
        queue.add(event("n0", 10));
        queue.add(event("n1", 10));

        List<PreparedEvent> dropped = queue.returnToHead(batch);

        assertThat(names(dropped)).containsExactly("e0", "e1");
        assertThat(names(queue.take(100, Integer.MAX_VALUE))).containsExactly("e2", "n0", "n1");
    }

    @Test
    void returnToHeadDropsTheWholeBatchWhenTheQueueRefilled() {
        EventQueue queue = queueOf(2, 10);
        List<PreparedEvent> batch = queue.take(2, Integer.MAX_VALUE);
        queue.add(event("n0", 10));
        queue.add(event("n1", 10));

        List<PreparedEvent> dropped = queue.returnToHead(batch);

        assertThat(names(dropped)).containsExactly("e0", "e1");
        assertThat(queue.size()).isEqualTo(2);
    }

    private static EventQueue queueOf(int count, int bytes) {
        EventQueue queue = new EventQueue(count);
        for (int i = 0; i < count; i++) {
            queue.add(event("e" + i, bytes));
        }
        return queue;
    }

    private static PreparedEvent event(String name, int bytes) {
        return new PreparedEvent(name, name, "x".repeat(bytes).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(List<PreparedEvent> events) {
        return events.stream().map(PreparedEvent::name).toList();
    }
}
