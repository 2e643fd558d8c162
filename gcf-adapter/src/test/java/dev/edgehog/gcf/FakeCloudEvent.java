// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;

/** A CloudEvents 1.0 event with an id, a type and a source, and no data or extensions. */
final class FakeCloudEvent implements CloudEvent {
    private final String id;
    private final String type;

    FakeCloudEvent(String id, String type) {
        this.id = id;
        this.type = type;
    }

    @Override
    public CloudEventData getData() {
        return null;
    }

    @Override
    public SpecVersion getSpecVersion() {
        return SpecVersion.V1;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public URI getSource() {
        return URI.create("//edgehog.test/source");
    }

    @Override
    public String getDataContentType() {
        return null;
    }

    @Override
    public URI getDataSchema() {
        return null;
    }

    @Override
    public String getSubject() {
        return null;
    }

    @Override
    public OffsetDateTime getTime() {
        return null;
    }

    @Override
    public Object getAttribute(String name) {
        switch (name) {
            case "id":
                return id;
            case "type":
                return type;
            case "source":
                return getSource();
            case "specversion":
                return getSpecVersion();
            default:
                return null;
        }
    }

    @Override
    public Object getExtension(String name) {
        return null;
    }

    @Override
    public Set<String> getExtensionNames() {
        return Set.of();
    }
}
