// SPDX-License-Identifier: Apache-2.0
/**
 * Internals of the Lambda adapter: the flush deadline maths and the SnapStart (CRaC) resource.
 * Not an API: anything here may change in any release.
 */
package dev.edgehog.lambda.internal;
