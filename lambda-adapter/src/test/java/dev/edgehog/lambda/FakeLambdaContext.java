// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/** A Lambda {@link Context} for calling handlers directly, with settable remaining time. */
public final class FakeLambdaContext implements Context {
    private final String requestId;
    private volatile int remainingMillis = 60_000;
    private volatile RuntimeException remainingTimeFailure;

    /** @param requestId the invocation's request id */
    public FakeLambdaContext(String requestId) {
        this.requestId = requestId;
    }

    /**
     * @param remaining what {@link #getRemainingTimeInMillis()} returns from now on
     * @return this context
     */
    public FakeLambdaContext remainingTime(Duration remaining) {
        this.remainingMillis = (int) remaining.toMillis();
        return this;
    }

    /**
     * Makes {@link #getRemainingTimeInMillis()} throw, as a broken or hand-made context might.
     *
     * @param failure what it throws
     * @return this context
     */
    public FakeLambdaContext failRemainingTime(RuntimeException failure) {
        this.remainingTimeFailure = failure;
        return this;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/fake-function";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/27/[$LATEST]fake";
    }

    @Override
    public String getFunctionName() {
        return "fake-function";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:000000000000:function:fake-function";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        RuntimeException f = remainingTimeFailure;
        if (f != null) {
            throw f;
        }
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {}

            @Override
            public void log(byte[] message) {}
        };
    }
}
