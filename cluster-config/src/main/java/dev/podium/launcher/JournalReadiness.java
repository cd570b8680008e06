package dev.podium.launcher;

import dev.podium.actors.objects.JournalWrites;
import dev.podium.http.ReadinessCheck;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code journal} line of {@code /readyz?verbose}: the writes waiting for the journal and how
 * long the oldest has waited, and writes the journal never confirmed (failed by a full write
 * buffer, an open circuit breaker or a database away). Informational: whether the member takes
 * writes is the {@code database} and {@code object-store} lines' call.
 */
final class JournalReadiness implements ReadinessCheck {
    private final JournalWrites writes;

    JournalReadiness(JournalWrites writes) {
        this.writes = writes;
    }

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public CompletionStage<Result> check(boolean verbose) {
        if (!verbose) return CompletableFuture.completedFuture(new Result(true, List.of()));
        JournalWrites.Load load = writes.load();
        String waiting = load.waiting() + " writes waiting for the journal" + (load.waiting() == 0 ? "" : ", the oldest for " + load.oldestWaitNanos() / 1_000_000 + " ms");
        String lost = load.lost() == 0 ? "no write failed by the journal"
                : load.lost() + " writes failed by the journal (write buffer full, circuit breaker open or database away), the last "
                + load.lastLostAgoNanos() / 1_000_000_000 + " s ago";
        return CompletableFuture.completedFuture(new Result(true, List.of(waiting, lost)));
    }
}
