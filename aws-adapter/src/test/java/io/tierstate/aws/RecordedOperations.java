package io.tierstate.aws;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records {@code service:Operation} for every call an SDK client makes in the tests. The SDK puts it
 * on every client built in the test JVM (it is listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test class path), so
 * every wire test's calls are seen without touching the adapter's own wiring.
 */
public final class RecordedOperations implements ExecutionInterceptor {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    /** Made by the SDK. */
    public RecordedOperations() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SEEN.add(service + ":" + operation);
    }

    /** @return the SDK service names and operations seen since the last {@link #clear()}, sorted */
    static Set<String> seen() {
        return new TreeSet<>(SEEN);
    }

    static void clear() {
        SEEN.clear();
    }
}
