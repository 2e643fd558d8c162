// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that native-image metadata under {@code META-INF/native-image/} of a classes directory
 * names things that exist: every type (loaded, not initialised, by the given loader), every method,
 * constructor and field of it, and every resource glob or pattern (it must match a file of the same
 * directory). Reads {@code reachability-metadata.json} and the older {@code reflect-config.json},
 * {@code jni-config.json} and {@code resource-config.json}; any other file there is reported, so a
 * new kind of metadata cannot go unchecked. Test code: reflection is the point here.
 */
final class NativeImageMetadata {
    private static final DslJson<Object> JSON = new DslJson<>(new DslJson.Settings<>());

    private NativeImageMetadata() {
    }

    /**
     * @param classes a classes directory (or an unpacked jar)
     * @return the metadata files in it, relative to it, sorted
     */
    static List<String> files(Path classes) {
        Path dir = classes.resolve("META-INF/native-image");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates every metadata file of a classes directory.
     *
     * @param classes the directory
     * @param loader resolves the names
     * @param lookedUpButAbsent resource globs registered because code looks them up and exact
     *     metadata requires registering a lookup even when nothing is found (no file must match)
     * @return problems, one line each; empty when everything named exists
     */
    static List<String> validate(Path classes, ClassLoader loader, List<String> lookedUpButAbsent) {
        List<String> problems = new ArrayList<>();
        List<String> resources = allFiles(classes);
        for (String file : files(classes)) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            try {
                Object root = parse(Files.readAllBytes(classes.resolve(file)));
                switch (name) {
                    case "reachability-metadata.json" -> {
                        Map<?, ?> doc = (Map<?, ?>) root;
                        for (String section : List.of("reflection", "jni", "serialization")) {
                            for (Object entry : list(doc.get(section))) {
                                checkType(file, (Map<?, ?>) entry, "type", loader, problems);
                            }
                        }
                        for (Object entry : list(doc.get("resources"))) {
                            if (!lookedUpButAbsent.contains(((Map<?, ?>) entry).get("glob"))) {
                                checkResource(file, (Map<?, ?>) entry, resources, problems);
                            }
                        }
                    }
                    case "reflect-config.json", "jni-config.json" -> {
                        for (Object entry : list(root)) {
                            checkType(file, (Map<?, ?>) entry, "name", loader, problems);
                        }
                    }
                    case "resource-config.json" -> {
                        Object res = ((Map<?, ?>) root).get("resources");
                        List<?> includes = res instanceof Map<?, ?> m ? list(m.get("includes")) : list(res);
                        for (Object entry : includes) {
                            checkResource(file, (Map<?, ?>) entry, resources, problems);
                        }
                    }
                    case "native-image.properties" -> {
                        // build arguments, no names to check
                    }
                    default -> problems.add(file + ": not a metadata file this check understands");
                }
            } catch (IOException | RuntimeException e) {
                problems.add(file + ": unreadable (" + e + ")");
            }
        }
        return problems;
    }

    private static void checkType(String file, Map<?, ?> entry, String key, ClassLoader loader, List<String> problems) {
        Object typeName = entry.get(key);
        if (!(typeName instanceof String name)) {
            problems.add(file + ": entry without a type name: " + entry);
            return;
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(file + ": type " + name + " does not exist");
            return;
        }
        for (Object m : list(entry.get("methods"))) {
            Map<?, ?> method = (Map<?, ?>) m;
            String methodName = String.valueOf(method.get("name"));
            List<String> params = list(method.get("parameterTypes")).stream().map(String::valueOf).toList();
            Stream<Executable> candidates = methodName.equals("<init>")
                    ? Arrays.stream(type.getDeclaredConstructors())
                    : Arrays.stream(type.getDeclaredMethods()).filter(x -> x.getName().equals(methodName))
                            .map(Method.class::cast);
            boolean exists = candidates.anyMatch(x -> method.get("parameterTypes") == null
                    || Arrays.stream(x.getParameterTypes()).map(Class::getTypeName).toList().equals(params));
            if (!exists) {
                problems.add(file + ": method " + name + "#" + methodName + params + " does not exist");
            }
        }
        for (Object f : list(entry.get("fields"))) {
            String fieldName = String.valueOf(((Map<?, ?>) f).get("name"));
            if (Arrays.stream(type.getDeclaredFields()).map(Field::getName).noneMatch(fieldName::equals)) {
                problems.add(file + ": field " + name + "#" + fieldName + " does not exist");
            }
        }
    }

    private static void checkResource(String file, Map<?, ?> entry, List<String> resources, List<String> problems) {
        Pattern pattern;
        if (entry.get("glob") instanceof String glob) {
            pattern = globPattern(glob);
        } else if (entry.get("pattern") instanceof String regex) {
            pattern = Pattern.compile(regex);
        } else {
            problems.add(file + ": resource entry without glob or pattern: " + entry);
            return;
        }
        if (resources.stream().noneMatch(r -> pattern.matcher(r).matches())) {
            problems.add(file + ": resource " + entry + " matches no file");
        }
    }

    /** native-image globs: {@code *} within one path segment, {@code **} across segments. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static List<String> allFiles(Path classes) {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile).map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Object parse(byte[] bytes) throws IOException {
        JsonReader<Object> reader = JSON.newReader(bytes);
        reader.getNextToken();
        return ObjectConverter.deserializeObject(reader);
    }
}
