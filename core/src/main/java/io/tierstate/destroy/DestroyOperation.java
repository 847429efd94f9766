package io.tierstate.destroy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A destroy running in the background, from {@link Destroy#start()}.
 *
 * <pre>{@code
 * DestroyOperation op = client.deployment("gpu-global").destroy().start();
 * op.future().thenAccept(report -> log.info("{}", report.render()));
 * op.cancel();   // stops at the next step boundary or wait; the journal keeps what is done
 * }</pre>
 */
public final class DestroyOperation {

    private final CompletableFuture<DestroyReport> future;
    private final Runnable canceller;
    private final AtomicReference<ProgressEvent> latest;

    DestroyOperation(CompletableFuture<DestroyReport> future, Runnable canceller, AtomicReference<ProgressEvent> latest) {
        this.future = future;
        this.canceller = canceller;
        this.latest = latest;
    }

    /**
     * The report, once the destroy ends. A cancelled destroy completes normally with outcome
     * {@link DestroyReport.Outcome#CANCELLED}; an error that prevented the destroy from running at
     * all (the lease is held, the state cannot be read) completes it exceptionally.
     *
     * @return the future report
     */
    public CompletableFuture<DestroyReport> future() {
        return future;
    }

    /** @return the latest progress event, if any */
    public Optional<ProgressEvent> progress() {
        return Optional.ofNullable(latest.get());
    }

    /** @return whether the destroy has ended */
    public boolean isDone() {
        return future.isDone();
    }

    /** Asks the destroy to stop; it ends at the next call boundary with what it finished journaled. */
    public void cancel() {
        canceller.run();
    }

    /** @return e.g. {@code DestroyOperation[running: cloudfront WAITING at 3:35]} or {@code DestroyOperation[done: COMPLETED]} */
    @Override
    public String toString() {
        if (future.isDone()) {
            return "DestroyOperation[" + (future.isCompletedExceptionally() ? "failed to run"
                    : "done: " + future.getNow(null).outcome()) + "]";
        }
        ProgressEvent e = latest.get();
        return "DestroyOperation[running" + (e == null ? "" : ": " + e.step() + " " + e.phase() + " at "
                + e.elapsed().toMinutes() + ":" + String.format("%02d", e.elapsed().toSecondsPart())) + "]";
    }
}
