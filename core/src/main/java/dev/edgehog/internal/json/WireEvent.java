// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.CompiledJson;
import com.dslplatform.json.JsonAttribute;
import java.util.Map;

/**
 * One element of the {@code batch} array of {@code POST /batch/}: exactly the five fields
 * posthog-node sends (no {@code type}, no top-level {@code $set}).
 *
 * <p>Events are written by {@link Codecs#encodeEvent}, which produces exactly this class's
 * generated codec output without building the object or the timestamp string (tests compare
 * the two); this class is the schema, and reads events back.
 */
@CompiledJson
public final class WireEvent {
    @JsonAttribute(name = "event")
    public String event;

    @JsonAttribute(name = "distinct_id")
    public String distinctId;

    @JsonAttribute(name = "properties", converter = PropertiesConverter.class)
    public Map<String, Object> properties;

    @JsonAttribute(name = "timestamp")
    public String timestamp;

    @JsonAttribute(name = "uuid")
    public String uuid;
}
