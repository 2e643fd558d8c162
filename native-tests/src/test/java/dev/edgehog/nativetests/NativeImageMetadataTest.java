// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeImageMetadataTest {

    @Test
    void everyMetadataFileTheLibraryShipsNamesRealClassesMembersAndResources() {
        List<String> problems = new ArrayList<>();

        for (Map.Entry<String, Path> module : EdgehogClasses.classesDirectories().entrySet()) {
            NativeImageMetadata.validate(module.getValue(), getClass().getClassLoader(), List.of())
                    .forEach(p -> problems.add(module.getKey() + ": " + p));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void libraryShipsNoNativeImageMetadataBecauseItNeedsNone() {
        List<String> shipped = new ArrayList<>();

        EdgehogClasses.classesDirectories().forEach((module, classes) ->
                NativeImageMetadata.files(classes).forEach(f -> shipped.add(module + "/" + f)));

        // Today no Edgehog jar ships META-INF/native-image: NoDynamicAccessTest shows the library
        // needs no reflection metadata, and the flag snapshot resource belongs to the application,
        // which registers it (the sample does). If metadata is ever added, delete this test; the one
        // above validates it.
        assertThat(shipped).as("native-image metadata in Edgehog's jars").isEmpty();
    }

    @Test
    void sampleMetadataRegistersTheBakedSnapshotResourceThatExistsAndTheServerProviderLookup() {
        Path sampleClasses = EdgehogClasses.root().resolve("native-tests/target/classes");

        List<String> files = NativeImageMetadata.files(sampleClasses);
        // The JDK's HttpServer.create (the stand-in) looks for a provider service file that does not
        // exist; a native image with exact metadata needs that lookup registered all the same.
        List<String> problems = NativeImageMetadata.validate(sampleClasses, getClass().getClassLoader(),
                List.of("META-INF/services/com.sun.net.httpserver.spi.HttpServerProvider"));

        assertThat(files).containsExactly(
                "META-INF/native-image/dev.edgehog/edgehog-native-tests/reachability-metadata.json");
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsTypesMembersAndResourcesThatDoNotExist() throws URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/metadata-fixture").toURI());

        List<String> problems = NativeImageMetadata.validate(fixture, getClass().getClassLoader(), List.of());

        String file = "META-INF/native-image/example/reachability-metadata.json: ";
        assertThat(problems).containsExactlyInAnyOrder(
                file + "type dev.edgehog.DoesNotExist does not exist",
                file + "method java.util.ArrayList#sizeOf[] does not exist",
                file + "method java.util.ArrayList#add[java.lang.Long, int] does not exist",
                file + "field java.util.ArrayList#length does not exist",
                file + "resource {glob=assets/**/missing.json} matches no file");
    }

    @Test
    void globsMatchWithinOneSegmentOrAcrossSegments() {
        assertThat(NativeImageMetadata.globPattern("META-INF/edgehog/*.json").matcher("META-INF/edgehog/a.json").matches())
                .isTrue();
        assertThat(NativeImageMetadata.globPattern("META-INF/*.json").matcher("META-INF/edgehog/a.json").matches())
                .isFalse();
        assertThat(NativeImageMetadata.globPattern("META-INF/**.json").matcher("META-INF/edgehog/a.json").matches())
                .isTrue();
    }
}
