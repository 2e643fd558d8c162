// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeds from the operating system's entropy pool. */
class RandomSeedTest {

    @Test
    void successiveSeedsAreDistinctAndUseAllBits() {
        Set<Long> seeds = new HashSet<>();
        long anyBitSet = 0;
        long anyBitClear = 0;

        for (int i = 0; i < 64; i++) {
            long s = RandomSeed.next();
            seeds.add(s);
            anyBitSet |= s;
            anyBitClear |= ~s;
        }

        assertThat(seeds).hasSize(64);
        assertThat(anyBitSet).isEqualTo(-1L);
        assertThat(anyBitClear).isEqualTo(-1L);
    }
}
