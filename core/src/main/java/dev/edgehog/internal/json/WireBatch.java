// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.CompiledJson;
import com.dslplatform.json.JsonAttribute;

/**
 * The body of {@code POST /batch/}. The events are encoded once, when captured (so the size
 * limits can be checked then and the queue holds compact bytes); the envelope splices them in.
 */
@CompiledJson
public final class WireBatch {
    @JsonAttribute(name = "api_key")
    public String apiKey;

    @JsonAttribute(name = "batch", converter = EncodedEventsConverter.class)
    public EncodedEvents batch;

    @JsonAttribute(name = "sent_at")
    public String sentAt;

    /** Present only when true; null is omitted (the codec skips default values). */
    @JsonAttribute(name = "historical_migration")
    public Boolean historicalMigration;
}
