// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.nativetests.DynamicAccessRules.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The library's own bytecode (every {@code dev.edgehog} class of core, the adapters and the CLI)
 * uses no reflection, dynamic class loading, service loading, proxies, method-handle lookups,
 * serialization or runtime code generation, so a native image of an application that uses it needs
 * no reachability metadata for Edgehog beyond the allowed entries below. DSL-JSON's own classes are
 * not Edgehog's code and are not scanned; the converters its annotation processor generates into
 * our packages are.
 */
class NoDynamicAccessTest {
    /**
     * Uses that are needed, as {@code Finding.toString()} to the reason. Each entry must still be
     * found (a stale entry fails the test), so the list cannot silently grow loose.
     */
    private static final Map<String, String> ALLOWED = Map.of(
            // The cold-start flag snapshot META-INF/edgehog/flag-definitions.json is a class-path
            // resource (docs/feature-flags.md). Not reflection, but a native image includes it only
            // when the application registers it (see native-tests/README.md); the TCCL is tried first,
            // then Edgehog's own loader.
            "RESOURCE: dev.edgehog.internal.snapshot.SnapshotFiles -> "
                    + "java/lang/ClassLoader.getResourceAsStream(Ljava/lang/String;)Ljava/io/InputStream;",
            "the baked flag-definitions snapshot resource");

    @Test
    void edgehogLibraryClassesMakeNoReflectiveOrDynamicAccess() throws IOException {
        List<Finding> findings = new ArrayList<>();
        int scanned = 0;
        for (Map.Entry<String, Path> module : EdgehogClasses.classesDirectories().entrySet()) {
            for (Path file : EdgehogClasses.edgehogClassFiles(module.getValue())) {
                findings.addAll(DynamicAccessRules.check(ClassFileReferences.read(Files.readAllBytes(file))));
                scanned++;
            }
        }

        Set<String> found = new TreeSet<>();
        findings.forEach(f -> found.add(f.toString()));
        Set<String> notAllowed = new TreeSet<>(found);
        notAllowed.removeAll(ALLOWED.keySet());
        Set<String> stale = new TreeSet<>(ALLOWED.keySet());
        stale.removeAll(found);
        assertThat(scanned).as("class files scanned").isGreaterThan(100);
        assertThat(notAllowed).as("dynamic access in Edgehog classes that is not allowed").isEmpty();
        assertThat(stale).as("allowed uses that are no longer found: remove them from ALLOWED").isEmpty();
    }

    @Test
    void scansEveryLibraryModuleIncludingGeneratedConverters() {
        Map<String, Path> modules = EdgehogClasses.classesDirectories();

        List<String> files = new ArrayList<>();
        modules.values().forEach(dir -> EdgehogClasses.edgehogClassFiles(dir).forEach(
                p -> files.add(dir.relativize(p).toString().replace('\\', '/'))));

        assertThat(modules).containsOnlyKeys("core", "lambda-adapter", "gcf-adapter", "cli");
        assertThat(files).contains("dev/edgehog/PostHog.class", "dev/edgehog/lambda/PostHogLambda.class",
                "dev/edgehog/gcf/PostHogGcf.class", "dev/edgehog/cli/Cli.class");
        assertThat(files).anyMatch(f -> f.contains("DslJsonConverter"));
    }
}
