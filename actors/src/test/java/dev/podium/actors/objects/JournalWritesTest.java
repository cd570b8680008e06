package dev.podium.actors.objects;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class JournalWritesTest {
    final AtomicLong now = new AtomicLong();
    final JournalWrites writes = new JournalWrites(now::get, Duration.ofSeconds(30));

    void after(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void waitingWritesAndTheOldestWaitAreReportedUntilConfirmed() {
        Object first = writes.started();
        after(Duration.ofSeconds(2));
        Object second = writes.started();
        after(Duration.ofSeconds(1));
        assertThat(writes.load()).isEqualTo(new JournalWrites.Load(2, Duration.ofSeconds(3).toNanos(), 0, -1));
        writes.confirmed(first);
        assertThat(writes.load()).isEqualTo(new JournalWrites.Load(1, Duration.ofSeconds(1).toNanos(), 0, -1));
        writes.confirmed(second);
        assertThat(writes.load().waiting()).isZero();
    }

    @Test
    void aWriteNeverConfirmedWithinTheLimitCountsAsFailedOnce() {
        Object lost = writes.started();
        after(Duration.ofSeconds(29));
        assertThat(writes.load().lost()).isZero();
        after(Duration.ofSeconds(1));
        assertThat(writes.load()).isEqualTo(new JournalWrites.Load(0, 0, 1, 0));
        after(Duration.ofSeconds(5));
        writes.confirmed(lost);
        assertThat(writes.load()).isEqualTo(new JournalWrites.Load(0, 0, 1, Duration.ofSeconds(5).toNanos()));
    }

    @Test
    void failedWritesAreSweptWhileWritingEvenIfNobodyAsksForTheLoad() {
        for (int i = 0; i < 10_000; i++) writes.started();
        after(Duration.ofSeconds(30));
        writes.started();
        writes.started();
        after(Duration.ofSeconds(5));
        // swept when the 10,001st write started, 5 s before this load
        assertThat(writes.load()).isEqualTo(new JournalWrites.Load(2, Duration.ofSeconds(5).toNanos(), 10_000, Duration.ofSeconds(5).toNanos()));
    }
}
