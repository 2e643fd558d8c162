// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.DslJson;
import dev.edgehog.PostHog;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample under the running JDK's AppCDS (the JDK 17 fast-start option): a training run writes a
 * dynamic archive, a run with {@code -Xshare:on} (which refuses to start without mapping it) prints
 * the same summary. The JDK 25 AOT cache is checked by {@code jvm-fast-start.sh}.
 */
class AppCdsTest {

    @Test
    void sampleRunWithItsAppCdsArchivePrintsThePlainSummary(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("sample.jsa");

        String classPath = String.join(File.pathSeparator, jar(dir, SampleApp.class), jar(dir, PostHog.class),
                jar(dir, DslJson.class));

        Run training = runSample(dir, classPath, "-XX:ArchiveClassesAtExit=" + archive);
        Run archived = runSample(dir, classPath, "-Xshare:on", "-XX:SharedArchiveFile=" + archive);

        List<String> expected = Stream.concat(SampleAppTest.EXPECTED_SUMMARY.stream(), Stream.of("result: OK")).toList();
        assertThat(training.exitCode()).as(training.output()).isZero();
        assertThat(Files.size(archive)).isPositive();
        assertThat(archived.exitCode()).as(archived.output()).isZero();
        assertThat(archived.output().lines()).containsExactlyElementsOf(expected);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run runSample(Path dir, String classPath, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.add("-cp");
        command.add(classPath);
        command.add(SampleApp.class.getName());
        Path log = Files.createTempFile(dir, "run", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * @return the jar {@code type} was loaded from; a classes directory is packed into a jar first,
     *     as CDS archives only classes from jars (and refuses non-empty directories on the path)
     */
    private static String jar(Path dir, Class<?> type) throws URISyntaxException, IOException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isDirectory(location)) {
            return location.toString();
        }
        Path jar = dir.resolve(type.getSimpleName() + "-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar.toString();
    }
}
