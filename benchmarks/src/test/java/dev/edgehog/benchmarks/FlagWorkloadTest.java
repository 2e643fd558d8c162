// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgehog.internal.flags.FlagDefinitions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flag workload is what the benchmarks and the posthog-node comparison rely on: the same
 * persons from the same seed, the fixture's 50 flags, and a 200-flag document with distinct keys.
 */
class FlagWorkloadTest {

    @Test
    void sameSeedGivesTheSamePersonsAndAnotherSeedDifferentOnes() {
        List<FlagWorkload.Person> first = FlagWorkload.persons(7, 50);
        List<FlagWorkload.Person> again = FlagWorkload.persons(7, 50);
        List<FlagWorkload.Person> other = FlagWorkload.persons(8, 50);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void fixtureHasFiftyFlagsWithTwoGroupFlagsAndACohort() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(FlagWorkload.definitions());

        int groupFlags = 0;
        for (JsonNode f : doc.path("flags")) {
            if (f.path("filters").has("aggregation_group_type_index")) {
                groupFlags++;
            }
        }
        assertThat(doc.path("flags").size()).isEqualTo(50);
        assertThat(groupFlags).isEqualTo(2);
        assertThat(doc.path("cohorts").size()).isEqualTo(1);
    }

    @Test
    void generatedDocumentHasTwoHundredFlagsWithDistinctKeys() throws Exception {
        byte[] doc = FlagWorkload.definitions200();

        FlagDefinitions parsed = FlagDefinitions.parse(doc);
        Set<String> keys = new HashSet<>();
        for (JsonNode f : new ObjectMapper().readTree(doc).path("flags")) {
            keys.add(f.path("key").asText());
        }
        assertThat(keys).hasSize(200);
        assertThat(parsed.size()).isEqualTo(200);
    }
}
