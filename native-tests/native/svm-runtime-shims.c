// SPDX-License-Identifier: Apache-2.0
/*
 * Edgehog native-tests: C functions a Substrate VM image calls that GraalVM normally ships in its
 * own helper libraries (not published to Maven Central). Written for this harness; each is the
 * smallest behaviour the sample needs, see README.md ("Limits"). Compiled by build-native.sh with
 * JDK_LIB=<Temurin 25>/lib and linked into the test executable.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <limits.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "amd64cpufeatures.h"
#include "svm_locale.h"

#ifndef JDK_LIB
#error "build-native.sh passes -DJDK_LIB=<jdk>/lib"
#endif

/* ---- JNI libraries: the image expects statically linked JDK libraries with JNI_OnLoad_<name>.
 * We link the JDK's shared libraries instead and forward to their ordinary JNI_OnLoad. */
static jint forward_onload(const char *name, JavaVM *vm, void *reserved) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/lib%s.so", JDK_LIB, name);
    void *lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    jint (*onload)(JavaVM *, void *) = lib == NULL ? NULL : (jint (*)(JavaVM *, void *)) dlsym(lib, "JNI_OnLoad");
    jint version = onload == NULL ? JNI_VERSION_1_8 : onload(vm, reserved);
    /* Substrate VM refuses anything older than JNI 1.8 for a built-in library. */
    return version < 0 ? version : (version < JNI_VERSION_1_8 ? JNI_VERSION_1_8 : version);
}
#define ONLOAD(lib) JNIEXPORT jint JNICALL JNI_OnLoad_##lib(JavaVM *vm, void *r) { return forward_onload(#lib, vm, r); }
ONLOAD(java)
ONLOAD(net)
ONLOAD(nio)
ONLOAD(zip)
ONLOAD(extnet)

/* ---- processors, threads, small libc wrappers */
JNIEXPORT jint JNICALL JVM_ActiveProcessorCount(void) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online < 1 ? 1 : (jint) online;
}
void initialize(void) { /* nothing to prepare */ }
long getThreadId(void) { return (long) syscall(SYS_gettid); }
void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
    return mremap(old_address, old_size, new_size, flags, new_address);
}
int openSII(const char *path, int flags, int mode) { return open(path, flags, mode); }
int fprintfSD(FILE *stream, const char *format, const char *s, int d) { return fprintf(stream, format, s, d); }

/* ---- containers: the harness builds with -H:-UseContainerSupport; report the host */
int svm_container_initialize(int version) { (void) version; return 0; }
size_t svm_container_physical_memory(void) { return (size_t) sysconf(_SC_PHYS_PAGES) * (size_t) sysconf(_SC_PAGESIZE); }
int svm_container_active_processor_count(void) { return JVM_ActiveProcessorCount(); }

/* ---- time zone id: $TZ, else the /etc/localtime link target, else UTC */
char *SVM_FindJavaTZmd(const char *tzmappings, int length) {
    (void) tzmappings; (void) length;
    const char *tz = getenv("TZ");
    if (tz != NULL && tz[0] != '\0') {
        return strdup(tz[0] == ':' ? tz + 1 : tz);
    }
    char target[PATH_MAX];
    ssize_t n = readlink("/etc/localtime", target, sizeof target - 1);
    if (n > 0) {
        target[n] = '\0';
        const char *zone = strstr(target, "zoneinfo/");
        if (zone != NULL) {
            return strdup(zone + strlen("zoneinfo/"));
        }
    }
    return strdup("UTC");
}

/* ---- sun.misc.Signal: one semaphore, a pending count per signal */
static sem_t signals_posted;
static volatile sig_atomic_t signals_pending[NSIG];
static void on_signal(int number) {
    if (number > 0 && number < NSIG) {
        signals_pending[number]++;
        sem_post(&signals_posted);
    }
}
int cSunMiscSignal_open(void) { return sem_init(&signals_posted, 0, 0); }
int cSunMiscSignal_close(void) { return sem_destroy(&signals_posted); }
int cSunMiscSignal_awaitSemaphore(void) {
    int rc;
    while ((rc = sem_wait(&signals_posted)) != 0 && errno == EINTR) {
    }
    return rc;
}
int cSunMiscSignal_signalSemaphore(void) { return sem_post(&signals_posted); }
int cSunMiscSignal_signalRangeCheck(int number) { return number > 0 && number < NSIG; }
int cSunMiscSignal_checkPendingSignal(void) {
    for (int number = 1; number < NSIG; number++) {
        if (signals_pending[number] > 0) {
            signals_pending[number]--;
            return number;
        }
    }
    return -1;
}
void *cSunMiscSignal_signalHandlerFunctionPointer(void) { return (void *) on_signal; }

/* ---- default locale from LC_ALL / LC_CTYPE / LANG ("language_COUNTRY.charset@variant"), else "en" */
static svm_locale_props_t the_locale;
static char language[32], country[32], variant[32];
int svm_initialize_locale(void) {
    const char *names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
    const char *value = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && (value == NULL || value[0] == '\0'); i++) {
        value = getenv(names[i]);
    }
    snprintf(language, sizeof language, "en");
    country[0] = variant[0] = '\0';
    if (value != NULL && value[0] != '\0' && strcmp(value, "C") != 0 && strcmp(value, "POSIX") != 0
            && strncmp(value, "C.", 2) != 0) {
        char copy[96];
        snprintf(copy, sizeof copy, "%s", value);
        char *at = strchr(copy, '@');
        if (at != NULL) { *at = '\0'; snprintf(variant, sizeof variant, "%s", at + 1); }
        char *dot = strchr(copy, '.');
        if (dot != NULL) { *dot = '\0'; }
        char *underscore = strchr(copy, '_');
        if (underscore != NULL) { *underscore = '\0'; snprintf(country, sizeof country, "%s", underscore + 1); }
        if (copy[0] != '\0') { snprintf(language, sizeof language, "%s", copy); }
    }
    memset(&the_locale, 0, sizeof the_locale);
    the_locale.format_language = the_locale.display_language = language;
    the_locale.format_country = the_locale.display_country = country[0] ? country : NULL;
    the_locale.format_variant = the_locale.display_variant = variant[0] ? variant : NULL;
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED; /* anything else aborts image start-up */
}
svm_locale_props_t *svm_get_locale(void) { return &the_locale; }

/* ---- CPU features: what the compiler's cpu model reports; the start-up check always passes
 * (an image built for x86-64-v3 would crash on an older CPU instead of refusing to start). */
void determineCPUFeatures(CPUFeatures *features) {
    memset(features, 0, sizeof *features);
    __builtin_cpu_init();
    features->fCX8 = 1;
#define HAS(field, name) features->field = __builtin_cpu_supports(name) ? 1 : 0;
    HAS(fCMOV, "cmov") HAS(fMMX, "mmx") HAS(fSSE, "sse") HAS(fSSE2, "sse2") HAS(fSSE3, "sse3")
    HAS(fSSSE3, "ssse3") HAS(fSSE4_1, "sse4.1") HAS(fSSE4_2, "sse4.2") HAS(fPOPCNT, "popcnt")
    HAS(fAVX, "avx") HAS(fAVX2, "avx2") HAS(fBMI1, "bmi") HAS(fBMI2, "bmi2") HAS(fFMA, "fma")
#undef HAS
}
int checkCPUFeatures(const char *buildtime) { (void) buildtime; return 0; }
int checkCPUFeaturesOrExit(const char *buildtime, const char *message) { (void) buildtime; (void) message; return 0; }
