// SPDX-License-Identifier: Apache-2.0
/* Edgehog native-tests: the C side of Substrate VM's locale @CStruct/@CConstant declarations
 * (com.oracle.svm.core.jdk.localization), which GraalVM ships as a header of its own. */
#define SVM_LOCALE_INITIALIZATION_USE_DEFAULT 0
#define SVM_LOCALE_INITIALIZATION_SUCCEEDED 1
#define SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY 2
typedef struct {
    char *format_language;
    char *format_script;
    char *format_country;
    char *format_variant;
    char *display_language;
    char *display_script;
    char *display_country;
    char *display_variant;
} svm_locale_props_t;
