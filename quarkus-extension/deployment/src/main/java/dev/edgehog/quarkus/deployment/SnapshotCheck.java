// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads and checks a flag snapshot file at build time. */
final class SnapshotCheck {
    /** The classpath resource core reads at start-up. */
    static final String RESOURCE = "META-INF/edgehog/flag-definitions.json";

    private SnapshotCheck() {
    }

    /** A relative path: the working directory's file if it exists, else the project directory's. */
    static Path locate(Path file, Path projectDir) {
        if (file.isAbsolute() || Files.exists(file) || projectDir == null) {
            return file;
        }
        Path inProject = projectDir.resolve(file);
        return Files.exists(inProject) ? inProject : file;
    }

    /**
     * @param file the snapshot file; a relative path is looked up in the working directory,
     *     then in the project directory
     * @param projectDir the application's project directory, or null when unknown
     * @param bakedAtMillis the build time, stamped on a raw definitions document as its {@code
     *     fetched_at}: core treats an undated document as infinitely old and would refresh it
     *     on the first flag call, which is what baking is meant to avoid
     * @param errors where each problem found is added
     * @return the resource to bake: an Edgehog snapshot as it is, a raw definitions document
     *     wrapped in a snapshot; null when the file is neither (see {@code errors})
     */
    static byte[] read(Path file, Path projectDir, long bakedAtMillis, List<String> errors) {
        String name = "quarkus.posthog.build.flag-definitions-file=" + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(locate(file, projectDir));
        } catch (NoSuchFileException e) {
            errors.add(name + ": no such file (looked in " + Path.of("").toAbsolutePath()
                    + (projectDir != null && !file.isAbsolute() ? " and " + projectDir.toAbsolutePath() : "") + ")");
            return null;
        } catch (IOException e) {
            errors.add(name + ": cannot be read (" + e + ")");
            return null;
        }
        Map<String, Object> doc;
        try {
            JsonReader<Object> reader = new DslJson<>().newReader(bytes);
            if (reader.getNextToken() != '{') {
                errors.add(name + ": not a JSON object");
                return null;
            }
            doc = ObjectConverter.deserializeMap(reader);
        } catch (IOException | RuntimeException e) {
            errors.add(name + ": not valid JSON (" + e.getMessage() + ")");
            return null;
        }
        boolean snapshot = doc.containsKey("edgehog_snapshot");
        Object definitions = snapshot ? doc.get("definitions") : doc;
        if (!(definitions instanceof Map<?, ?> d) || !(d.get("flags") instanceof List<?>)) {
            errors.add(name + ": neither a flag definitions document (an object with a \"flags\" array)"
                    + " nor an Edgehog snapshot");
            return null;
        }
        if (snapshot) {
            return bytes;
        }
        byte[] head = ("{\"edgehog_snapshot\":1,\"fetched_at\":" + bakedAtMillis + ",\"definitions\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] wrapped = Arrays.copyOf(head, head.length + bytes.length + 1);
        System.arraycopy(bytes, 0, wrapped, head.length, bytes.length);
        wrapped[wrapped.length - 1] = '}';
        return wrapped;
    }
}
