// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import dev.edgehog.nativetests.ClassFileReferences.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The uses of the JDK that a closed-world native image cannot see through without metadata (or
 * cannot do at all), as a rule over one class file's references. Each finding names the class, the
 * reference and its kind. Lambdas and method references are fine: javac compiles them to
 * {@code invokedynamic} with {@link java.lang.invoke.LambdaMetafactory} (as it does string
 * concatenation and record methods), which native-image resolves at build time.
 */
final class DynamicAccessRules {
    /** What a finding is. */
    enum Kind {
        REFLECTION, DYNAMIC_CLASS_LOADING, SERVICE_LOADER, PROXY, METHOD_HANDLE_LOOKUP, CODE_GENERATION,
        SERIALIZATION, RESOURCE
    }

    /**
     * One use.
     *
     * @param className the class that makes it (internal name)
     * @param reference the member or class it refers to
     * @param kind what it is
     */
    record Finding(String className, String reference, Kind kind) {
        @Override
        public String toString() {
            return kind + ": " + className.replace('/', '.') + " -> " + reference;
        }
    }

    private static final Set<String> CLASS_REFLECTION = Set.of("forName", "newInstance", "getMethod", "getMethods",
            "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields",
            "getConstructor", "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors",
            "getDeclaredClasses", "getClasses", "getRecordComponents", "getPermittedSubclasses", "getNestMembers",
            "getEnclosingMethod", "getEnclosingConstructor");
    private static final Set<String> CLASS_LOADING = Set.of("loadClass", "defineClass", "findClass", "findLoadedClass",
            "findSystemClass", "findBootstrapClassOrNull");
    private static final Set<String> RESOURCES = Set.of("getResource", "getResourceAsStream", "getResources",
            "getSystemResource", "getSystemResourceAsStream", "getSystemResources");
    /** Bytecode libraries: generating classes at run time is impossible in a closed world. */
    private static final List<String> CODE_GENERATORS = List.of("org/objectweb/asm/", "jdk/internal/org/objectweb/asm/",
            "net/bytebuddy/", "javassist/", "net/sf/cglib/", "org/springframework/cglib/", "java/lang/classfile/");

    private DynamicAccessRules() {
    }

    /**
     * Applies the rules.
     *
     * @param refs one class file's references
     * @return what it uses, in a stable order
     */
    static List<Finding> check(ClassFileReferences refs) {
        List<Finding> findings = new ArrayList<>();
        String self = refs.className();
        for (Member m : refs.members()) {
            Kind kind = kindOf(m);
            if (kind != null) {
                findings.add(new Finding(self, m.toString(), kind));
            }
        }
        for (String type : refs.classes()) {
            String element = type.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
            if (element.equals("java/lang/reflect/Proxy") || element.equals("java/lang/reflect/InvocationHandler")) {
                findings.add(new Finding(self, element, Kind.PROXY));
            } else if (CODE_GENERATORS.stream().anyMatch(element::startsWith)) {
                findings.add(new Finding(self, element, Kind.CODE_GENERATION));
            }
        }
        return findings;
    }

    private static Kind kindOf(Member m) {
        String owner = m.owner();
        String name = m.name();
        if (owner.equals("java/lang/Class")) {
            return CLASS_REFLECTION.contains(name) ? Kind.REFLECTION : RESOURCES.contains(name) ? Kind.RESOURCE : null;
        }
        if (owner.equals("java/lang/ClassLoader") || owner.endsWith("ClassLoader")) {
            return CLASS_LOADING.contains(name) ? Kind.DYNAMIC_CLASS_LOADING
                    : RESOURCES.contains(name) ? Kind.RESOURCE : null;
        }
        if (owner.equals("java/lang/reflect/Proxy") || owner.equals("java/lang/reflect/InvocationHandler")) {
            return Kind.PROXY;
        }
        if (owner.startsWith("java/lang/reflect/")) {
            return Kind.REFLECTION;
        }
        if (owner.equals("java/util/ServiceLoader")) {
            return Kind.SERVICE_LOADER;
        }
        if (owner.equals("java/lang/invoke/MethodHandles$Lookup")) {
            return name.startsWith("define") ? Kind.CODE_GENERATION : Kind.METHOD_HANDLE_LOOKUP;
        }
        if (owner.equals("java/lang/invoke/MethodHandles")
                && (name.equals("lookup") || name.equals("privateLookupIn") || name.equals("publicLookup"))) {
            return Kind.METHOD_HANDLE_LOOKUP;
        }
        if (owner.equals("java/lang/invoke/MethodHandle") || owner.equals("java/lang/invoke/MethodHandleProxies")) {
            return Kind.METHOD_HANDLE_LOOKUP;
        }
        if (owner.equals("java/io/ObjectInputStream") || owner.equals("java/io/ObjectOutputStream")) {
            return Kind.SERIALIZATION;
        }
        if (CODE_GENERATORS.stream().anyMatch(owner::startsWith)) {
            return Kind.CODE_GENERATION;
        }
        return null;
    }
}
