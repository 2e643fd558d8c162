// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.nativetests.DynamicAccessRules.Finding;
import dev.edgehog.nativetests.DynamicAccessRules.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DynamicAccessRulesTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("UsesForName", Kind.REFLECTION, "java/lang/Class.forName(Ljava/lang/String;)Ljava/lang/Class;"),
                Arguments.of("UsesDeclaredMethod", Kind.REFLECTION,
                        "java/lang/Class.getDeclaredMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;"),
                Arguments.of("UsesProxy", Kind.PROXY, "java/lang/reflect/Proxy"),
                Arguments.of("UsesServiceLoader", Kind.SERVICE_LOADER,
                        "java/util/ServiceLoader.load(Ljava/lang/Class;)Ljava/util/ServiceLoader;"),
                Arguments.of("UsesLookup", Kind.METHOD_HANDLE_LOOKUP, "java/lang/invoke/MethodHandles$Lookup.findVirtual("
                        + "Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;"),
                Arguments.of("UsesClassLoader", Kind.DYNAMIC_CLASS_LOADING,
                        "java/lang/ClassLoader.loadClass(Ljava/lang/String;)Ljava/lang/Class;"),
                Arguments.of("UsesDefineClass", Kind.CODE_GENERATION,
                        "java/lang/invoke/MethodHandles$Lookup.defineClass([B)Ljava/lang/Class;"),
                Arguments.of("UsesResource", Kind.RESOURCE,
                        "java/lang/Class.getResourceAsStream(Ljava/lang/String;)Ljava/io/InputStream;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsEachKindOfDynamicAccessWithTheMemberUsed(String fixture, Kind kind, String reference) throws IOException {
        ClassFileReferences refs = references(fixture);

        List<Finding> findings = DynamicAccessRules.check(refs);

        assertThat(findings).contains(
                new Finding("dev/edgehog/nativetests/ScannerFixtures$" + fixture, reference, kind));
    }

    @Test
    void acceptsLambdasMethodReferencesStringConcatenationAndRecords() throws IOException {
        ClassFileReferences outer = references("OnlyLambdas");
        ClassFileReferences record = references("OnlyLambdas$Pair");

        List<Finding> findings = Stream.concat(DynamicAccessRules.check(outer).stream(),
                DynamicAccessRules.check(record).stream()).toList();

        assertThat(outer.members()).extracting(ClassFileReferences.Member::owner)
                .contains("java/lang/invoke/LambdaMetafactory");
        assertThat(findings).isEmpty();
    }

    @Test
    void readsTheClassNameAndMemberReferencesFromTheConstantPool() throws IOException {
        ClassFileReferences refs = references("UsesForName");

        assertThat(refs.className()).isEqualTo("dev/edgehog/nativetests/ScannerFixtures$UsesForName");
        assertThat(refs.classes()).contains("java/lang/Class", "dev/edgehog/nativetests/ScannerFixtures");
        assertThat(refs.members()).contains(new ClassFileReferences.Member("java/lang/Class", "forName",
                "(Ljava/lang/String;)Ljava/lang/Class;"));
    }

    private static ClassFileReferences references(String fixture) throws IOException {
        String name = "/dev/edgehog/nativetests/ScannerFixtures$" + fixture + ".class";
        try (InputStream in = DynamicAccessRulesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return ClassFileReferences.read(in.readAllBytes());
        }
    }
}
