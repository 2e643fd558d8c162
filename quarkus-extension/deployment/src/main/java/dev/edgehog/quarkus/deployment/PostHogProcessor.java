// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import dev.edgehog.PostHogOptions;
import dev.edgehog.quarkus.runtime.LambdaFlush;
import dev.edgehog.quarkus.runtime.LambdaFlushInterceptor;
import dev.edgehog.quarkus.runtime.PostHogProducer;
import dev.edgehog.quarkus.runtime.RequestEndFlush;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Build steps of the PostHog extension: the client bean, the request-end and per-invocation
 * flush hooks (each only when the application has the matching layer), the baked flag snapshot,
 * and what a native executable needs.
 *
 * <p>Native: no reflection registration is needed. Core serialises with DSL-JSON converters
 * generated at compile time and registered explicitly, and the beans here are wired by ArC
 * without reflection. No class needs run-time initialisation either: core's only random state,
 * the event-id seed and the retry jitter, lives in client instances (created at run time) and in
 * {@code ThreadLocalRandom}, never in a static initialiser.
 */
public class PostHogProcessor {
    static final String FEATURE = "edgehog-posthog";
    static final DotName REQUEST_HANDLER = DotName.createSimple("com.amazonaws.services.lambda.runtime.RequestHandler");
    static final DotName REQUEST_STREAM_HANDLER =
            DotName.createSimple("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    static final String AMAZON_LAMBDA_RECORDER = "io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder";
    static final DotName LAMBDA_FLUSH = DotName.createSimple(LambdaFlush.class.getName());

    // Names the extension in the start-up banner's feature list.
    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    // The runtime jar is not a bean archive: its producer must be registered (and kept).
    @BuildStep
    AdditionalBeanBuildItem producer() {
        return AdditionalBeanBuildItem.unremovableOf(PostHogProducer.class);
    }

    // The client sends to an https:// host: a native executable needs SSL support.
    @BuildStep
    ExtensionSslNativeSupportBuildItem ssl() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /** Request-end flush, only for applications that have an HTTP layer of their own. */
    @BuildStep
    void http(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.VERTX_HTTP)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(RequestEndFlush.class));
        }
    }

    /**
     * Per-invocation flush on quarkus-amazon-lambda: the handler is an ArC bean that the Lambda
     * runtime looks up for every invocation, so an interceptor binding added to its {@code
     * handleRequest} methods wraps each invocation without the user writing anything.
     */
    @BuildStep
    void lambda(CombinedIndexBuildItem index,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<AnnotationsTransformerBuildItem> transformers) {
        // quarkus-amazon-lambda declares no capability; its recorder's presence identifies it.
        if (!QuarkusClassLoader.isClassPresentAtRuntime(AMAZON_LAMBDA_RECORDER)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(LambdaFlush.class, LambdaFlushInterceptor.class, LambdaFlushInterceptor.Adapter.class)
                .setUnremovable()
                .build());
        Set<DotName> handlers = handlerClasses(index.getIndex());
        transformers.produce(new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .whenMethod(m -> isHandlerMethod(m, handlers))
                .transform(t -> t.add(LambdaFlush.class))));
    }

    static Set<DotName> handlerClasses(IndexView index) {
        Set<DotName> names = new HashSet<>();
        for (DotName api : List.of(REQUEST_HANDLER, REQUEST_STREAM_HANDLER)) {
            for (ClassInfo c : index.getAllKnownImplementations(api)) {
                if (!c.isInterface() && !c.isAbstract()) {
                    names.add(c.name());
                }
            }
        }
        return names;
    }

    static boolean isHandlerMethod(MethodInfo m, Set<DotName> handlers) {
        return m.name().equals("handleRequest") && !m.isSynthetic()
                && handlers.contains(m.declaringClass().name()) && !m.hasAnnotation(LAMBDA_FLUSH);
    }

    /**
     * Bakes the flag snapshot named by {@code quarkus.posthog.build.flag-definitions-file}, or
     * downloaded during the build, into the application as core's classpath resource. Every
     * mistake found is reported in one build failure.
     */
    @BuildStep
    void flagSnapshot(PostHogBuildTimeConfig config, ApplicationArchivesBuildItem archives,
            OutputTargetBuildItem target, BuildProducer<GeneratedResourceBuildItem> resources,
            BuildProducer<NativeImageResourceBuildItem> nativeResources) {
        Optional<Path> file = config.build().flagDefinitionsFile();
        boolean download = config.build().downloadFlagDefinitions();
        if (file.isEmpty() && !download) {
            return;
        }
        List<String> errors = new ArrayList<>();
        if (archives.getRootArchive().getChildPath(SnapshotCheck.RESOURCE) != null) {
            errors.add("the application already has its own " + SnapshotCheck.RESOURCE
                    + "; remove it or the build-time snapshot option");
        }
        byte[] snapshot = null;
        if (file.isPresent()) {
            // The build may run in the project directory (tests) or above it (a reactor build).
            Path outputDir = target.getOutputDirectory();
            snapshot = SnapshotCheck.read(file.get(), outputDir == null ? null : outputDir.getParent(),
                    System.currentTimeMillis(), errors);
        }
        if (download) {
            snapshot = download(file.isPresent(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException("PostHog extension: " + errors.size() + " configuration error(s):\n - "
                    + String.join("\n - ", errors));
        }
        resources.produce(new GeneratedResourceBuildItem(SnapshotCheck.RESOURCE, snapshot));
        // Resources are not in a native executable unless named.
        nativeResources.produce(new NativeImageResourceBuildItem(SnapshotCheck.RESOURCE));
    }

    /** Checks what the download needs (all problems listed) and, if nothing is wrong yet, downloads. */
    private static byte[] download(boolean fileAlsoSet, List<String> errors) {
        String option = "quarkus.posthog.build.download-flag-definitions=true";
        if (fileAlsoSet) {
            errors.add(option + " and quarkus.posthog.build.flag-definitions-file are both set; keep one");
        }
        Config config = ConfigProvider.getConfig();
        Optional<String> apiKey = nonBlank(config, "quarkus.posthog.api-key");
        Optional<String> personalApiKey = nonBlank(config, "quarkus.posthog.personal-api-key");
        String host = nonBlank(config, "quarkus.posthog.host").orElse(PostHogOptions.DEFAULT_HOST);
        if (apiKey.isEmpty()) {
            errors.add(option + " needs quarkus.posthog.api-key at build time");
        }
        if (personalApiKey.isEmpty()) {
            errors.add(option + " needs quarkus.posthog.personal-api-key at build time");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return SnapshotDownload.download(apiKey.get(), personalApiKey.get(), host, errors);
    }

    private static Optional<String> nonBlank(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
