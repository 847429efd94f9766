package io.tierstate.sim;

import io.tierstate.error.CloudOperationException;
import io.tierstate.sim.World.Ctx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every port call takes: count it, bring the virtual time, inject the scripted or random
 * fault, run the operation on the world under its monitor, save the world when it persists, and
 * tell the listeners.
 */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCloud.class);

    /** One scripted fault: an exception to throw, or a fault for the world to play. */
    private record Scripted(SimFault fault, RuntimeException exception) {}

    private final World world;
    private final VirtualClock clock;
    private final SimRandom draws;
    private final Runnable afterCall;
    private final Map<SimOperation, Deque<Scripted>> scripted = new EnumMap<>(SimOperation.class);
    private final Map<SimOperation, LongAdder> counts = new EnumMap<>(SimOperation.class);
    private final AtomicLong sequence = new AtomicLong();
    private final List<Consumer<SimCall>> listeners = new CopyOnWriteArrayList<>();
    private volatile Faults faults;
    /** IAM actions the caller may not perform, lower case, e.g. {@code cloudfront:updatedistribution}. */
    private final java.util.Set<String> denied = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Calls(World world, VirtualClock clock, Faults faults, SimRandom draws, Runnable afterCall) {
        this.world = world;
        this.clock = clock;
        this.faults = faults;
        this.draws = draws;
        this.afterCall = afterCall;
        for (SimOperation op : SimOperation.values()) {
            scripted.put(op, new ArrayDeque<>());
            counts.put(op, new LongAdder());
        }
    }

    /** A call of a global service (CloudFront, IAM). */
    <T> T call(SimOperation op, String target, Function<Ctx, T> body) {
        return call(op, null, target, body);
    }

    /**
     * A call made from a session of {@code region} (null: a global service): regional resources of
     * other regions do not exist for it.
     */
    <T> T call(SimOperation op, String region, String target, Function<Ctx, T> body) {
        long seq = sequence.incrementAndGet();
        counts.get(op).increment();
        String requestId = String.format("sim-%06d", seq);
        Instant at = null;
        RuntimeException failure = null;
        try {
            synchronized (world) {
                at = clock.now();
                world.settle(at);
                Ctx ctx = new Ctx(op.awsName(), at, requestId, region);
                checkPermission(op, target, ctx);
                injectFault(op, target, ctx);
                return body.apply(ctx);
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            finish(new SimCall(seq, op, target, at != null ? at : clock.now(), requestId, Optional.ofNullable(failure)));
        }
    }

    void run(SimOperation op, String target, Consumer<Ctx> body) {
        run(op, null, target, body);
    }

    void run(SimOperation op, String region, String target, Consumer<Ctx> body) {
        call(op, region, target, ctx -> {
            body.accept(ctx);
            return null;
        });
    }

    /** Refuses a call whose IAM action is denied, as IAM does: AccessDenied, HTTP 403, not retryable. */
    private void checkPermission(SimOperation op, String target, Ctx ctx) {
        if (denied.contains(op.awsName().toLowerCase(java.util.Locale.ROOT))) {
            throw new CloudOperationException(ctx.operation(), "AccessDenied", ctx.requestId(), 403, false,
                    "User: arn:aws:iam::" + world.accountId + ":user/tierstate is not authorized to perform: " + op.awsName()
                            + (target == null ? "" : " on resource: " + target)
                            + " (simulated: the permission is denied); grant it, or remove what requires it", null);
        }
    }

    void deny(String action) {
        denied.add(action.toLowerCase(java.util.Locale.ROOT));
    }

    void allow(String action) {
        denied.remove(action.toLowerCase(java.util.Locale.ROOT));
    }

    java.util.Set<String> denied() {
        return java.util.Set.copyOf(new java.util.TreeSet<>(denied));
    }

    private void finish(SimCall call) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("simulated {} {} at {}: {}", call.operation().awsName(), call.target(), call.at(),
                    call.failure().map(e -> e.getClass().getSimpleName() + " " + call.errorCode().orElse("")).orElse("ok"));
        }
        try {
            afterCall.run();
        } catch (RuntimeException e) {
            call.failure().ifPresent(e::addSuppressed);
            throw e;
        } finally {
            for (Consumer<SimCall> listener : listeners) {
                try {
                    listener.accept(call);
                } catch (RuntimeException e) {
                    LOG.warn("a simulated cloud call listener failed on {}; the call itself is unaffected", call, e);
                }
            }
        }
    }

    private void injectFault(SimOperation op, String target, Ctx ctx) {
        Scripted next = scripted.get(op).poll();
        if (next != null) {
            if (next.exception() != null) {
                throw next.exception();
            }
            play(next.fault(), target, ctx);
            return;
        }
        Faults f = faults;
        double throttling = f.throttling(op);
        double serverErrors = f.serverErrors(op);
        if (throttling + serverErrors > 0) {
            double u = draws.nextDouble();
            if (u < throttling) {
                play(SimFault.THROTTLING, target, ctx);
            } else if (u < throttling + serverErrors) {
                play(SimFault.SERVER_ERROR, target, ctx);
            }
        }
        if (op.isConditionalWrite() && f.etagRaces() > 0 && draws.nextDouble() < f.etagRaces()) {
            play(SimFault.ETAG_RACE, target, ctx);
        }
        if (op.isDescribe() && f.vanishing() > 0 && draws.nextDouble() < f.vanishing()) {
            play(SimFault.VANISH, target, ctx);
        }
    }

    private void play(SimFault fault, String target, Ctx ctx) {
        switch (fault) {
            case THROTTLING -> throw new CloudOperationException(ctx.operation(), "Throttling", ctx.requestId(), 400, true,
                    "Rate exceeded (simulated throttling); back off and retry", null);
            case SERVER_ERROR -> throw new CloudOperationException(ctx.operation(), "ServiceUnavailable", ctx.requestId(), 503,
                    true, "the service is unavailable (simulated transient error); retry", null);
            case ETAG_RACE -> world.bumpEtag(target);
            case VANISH -> world.vanish(target, ctx.now());
        }
    }

    /** Queues {@code times} scripted faults for the next calls of {@code op}; under the world monitor, as calls take them. */
    void script(SimOperation op, int times, SimFault fault, RuntimeException exception) {
        synchronized (world) {
            for (int i = 0; i < times; i++) {
                scripted.get(op).add(new Scripted(fault, exception));
            }
        }
    }

    void clearScripts() {
        synchronized (world) {
            scripted.values().forEach(Deque::clear);
        }
    }

    long count() {
        return sequence.get();
    }

    long count(SimOperation op) {
        return counts.get(op).sum();
    }

    Runnable listen(Consumer<SimCall> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void faults(Faults value) {
        this.faults = java.util.Objects.requireNonNull(value, "faults");
    }

    Faults faults() {
        return faults;
    }
}
