// SPDX-License-Identifier: Apache-2.0
/*
 * Edgehog native-tests: System.exit in the test executable. Substrate VM ends the process through
 * Shutdown.halt0, whose native in the linked libjava.so calls HotSpot's JVM_Halt; HotSpot's
 * libjvm.so is mapped but never started, so its JVM_Halt crashes. build-native.sh links this
 * library ahead of libjvm.so (with libjvm's symbol version), so these definitions are the ones
 * found. Shutdown hooks have already run when halt0 is called.
 */
#include <jni.h>
#include <stdio.h>
#include <unistd.h>

JNIEXPORT void JNICALL JVM_BeforeHalt(void) {
}

JNIEXPORT void JNICALL JVM_Halt(jint code) {
    fflush(NULL);
    _exit(code);
}
