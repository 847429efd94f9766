package io.tierstate.destroy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A running destroy, as JShell shows it. */
class DestroyOperationToStringTest {

    @Test
    void saysWhetherItRuns_theLatestStep_andHowItEnded() {
        CompletableFuture<DestroyReport> future = new CompletableFuture<>();
        AtomicReference<ProgressEvent> latest = new AtomicReference<>();
        DestroyOperation op = new DestroyOperation(future, () -> { }, latest);
        assertThat(op.toString()).isEqualTo("DestroyOperation[running]");

        latest.set(new ProgressEvent("gpu", "cloudfront", ProgressEvent.Phase.WAITING, "waiting", Duration.ofSeconds(215), 3,
                Instant.EPOCH));
        assertThat(op.toString()).isEqualTo("DestroyOperation[running: cloudfront WAITING at 3:35]");

        future.completeExceptionally(new IllegalStateException("lease held"));
        assertThat(op.toString()).isEqualTo("DestroyOperation[failed to run]");
    }
}
