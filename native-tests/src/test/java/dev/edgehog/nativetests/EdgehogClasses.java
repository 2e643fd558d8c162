// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the library's compiled classes are: each module's {@code target/classes} in this reactor
 * (the surefire configuration passes the repository root as {@code edgehog.root}). The scanned
 * modules are the ones users put on their class path; examples, benchmarks and this module are
 * not the library.
 */
final class EdgehogClasses {
    /** Module directory to a class every build of it must contain (so an empty scan fails). */
    static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("core", "dev/edgehog/PostHog.class");
        MODULES.put("lambda-adapter", "dev/edgehog/lambda/PostHogLambda.class");
        MODULES.put("gcf-adapter", "dev/edgehog/gcf/PostHogGcf.class");
        MODULES.put("cli", "dev/edgehog/cli/Cli.class");
    }

    private EdgehogClasses() {
    }

    /** @return the repository root */
    static Path root() {
        String root = System.getProperty("edgehog.root");
        assertThat(root).as("system property edgehog.root (set by the module's surefire configuration)").isNotNull();
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** @return each scanned module's classes directory, by module directory name */
    static Map<String, Path> classesDirectories() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String module : MODULES.keySet()) {
            Path classes = root().resolve(module).resolve("target/classes");
            assertThat(classes.resolve(MODULES.get(module)))
                    .as("compiled classes of " + module + " (build the reactor: mvn verify from the root)")
                    .isRegularFile();
            dirs.put(module, classes);
        }
        return dirs;
    }

    /**
     * @param classes a classes directory
     * @return every {@code .class} file under {@code dev/edgehog} in it
     */
    static List<Path> edgehogClassFiles(Path classes) {
        Path base = classes.resolve("dev/edgehog");
        try (Stream<Path> files = Files.walk(base)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".class")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
