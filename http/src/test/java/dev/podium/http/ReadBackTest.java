package dev.podium.http;

import dev.podium.persistence.db.StoreHealth;
import dev.podium.persistence.watch.WatchCache;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ReadBackTest {
    private final WatchCache cache = new WatchCache(10);

    private static StoreHealth reachable(boolean reachable) {
        return new StoreHealth() {
            public boolean reachable() {
                return reachable;
            }

            public String describe() {
                return reachable ? "reachable" : "unreachable";
            }

            public void onUnreachable(Runnable listener) {}
        };
    }

    @Test
    void givesUpWithinASecondOnceTheDatabaseIsUnreachable() {
        long start = System.nanoTime();
        var waiting = new ReadBack(cache, reachable(false)).await("ConfigMap|a/b", 1, 10_000).toCompletableFuture();
        assertThat(catchThrowable(() -> waiting.get(5, TimeUnit.SECONDS))).cause().isInstanceOf(ReadBack.StoredButUnreadable.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void waitsItsWholeTimeWhileTheDatabaseAnswers() {
        var waiting = new ReadBack(cache, reachable(true)).await("ConfigMap|a/b", 1, 2_500).toCompletableFuture();
        assertThat(catchThrowable(() -> waiting.get(10, TimeUnit.SECONDS))).cause().isInstanceOf(TimeoutException.class);
    }
}
