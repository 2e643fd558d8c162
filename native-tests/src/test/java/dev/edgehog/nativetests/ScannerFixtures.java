// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.ServiceLoader;
import java.util.function.Function;

/** Classes whose bytecode does what {@link DynamicAccessRules} looks for, one thing each. */
final class ScannerFixtures {
    private ScannerFixtures() {
    }

    static final class UsesForName {
        static Object load() throws ClassNotFoundException {
            return Class.forName("java.util.ArrayList");
        }
    }

    static final class UsesDeclaredMethod {
        static Object method() throws NoSuchMethodException {
            return String.class.getDeclaredMethod("length");
        }
    }

    static final class UsesProxy {
        static Object proxy() {
            return Proxy.newProxyInstance(UsesProxy.class.getClassLoader(), new Class<?>[] {Runnable.class},
                    (p, m, a) -> null);
        }
    }

    static final class UsesServiceLoader {
        static Object services() {
            return ServiceLoader.load(Runnable.class);
        }
    }

    static final class UsesLookup {
        static Object handle() throws ReflectiveOperationException {
            return MethodHandles.publicLookup().findVirtual(String.class, "length", MethodType.methodType(int.class));
        }
    }

    static final class UsesClassLoader {
        static Object load(ClassLoader loader) throws ClassNotFoundException {
            return loader.loadClass("java.util.ArrayList");
        }
    }

    static final class UsesDefineClass {
        static Object define(MethodHandles.Lookup lookup, byte[] bytes) throws IllegalAccessException {
            return lookup.defineClass(bytes);
        }
    }

    static final class UsesResource {
        static Object read() {
            return UsesResource.class.getResourceAsStream("/META-INF/edgehog/flag-definitions.json");
        }
    }

    /** Lambdas, method references, string concatenation and a record: all fine in a native image. */
    static final class OnlyLambdas {
        record Pair(String a, long b) {
        }

        static Object values(String s, long n) {
            Function<String, Integer> length = String::length;
            Runnable r = () -> System.identityHashCode(s);
            r.run();
            return new Pair(s + n + length.apply(s), n).toString();
        }
    }
}
