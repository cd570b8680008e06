package dev.podium.http;

import dev.podium.persistence.db.StoreHealth;
import dev.podium.persistence.watch.WatchCache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a stored write shows in the member's cache, so the answer's resourceVersion can be
 * read at once. The wait gives up early, with {@link StoredButUnreadable}, when the database goes
 * away meanwhile: the cache cannot follow it until it is back.
 */
final class ReadBack {
    /** The write is in the journal, but the cache could not read it because the database went away. */
    static final class StoredButUnreadable extends RuntimeException {
        StoredButUnreadable() {
            super("the write was stored, but the database became unreachable before this server could read it back; "
                    + "it will show once the database is back", null, false, false);
        }
    }

    private static final long CHECK_EVERY_MILLIS = 1_000;
    private final WatchCache cache;
    private final StoreHealth store;

    ReadBack(WatchCache cache, StoreHealth store) {
        this.cache = cache;
        this.store = store;
    }

    /** The resourceVersion of event {@code seqNr} of {@code persistenceId} once the cache has it; fails after {@code timeoutMillis}. */
    CompletionStage<Long> await(String persistenceId, long seqNr, long timeoutMillis) {
        long step = Math.min(timeoutMillis, CHECK_EVERY_MILLIS);
        return cache.awaitApplied(persistenceId, seqNr, step).exceptionallyCompose(t -> {
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            if (!(cause instanceof TimeoutException) || timeoutMillis <= step) return CompletableFuture.failedFuture(cause);
            if (!store.reachable()) return CompletableFuture.failedFuture(new StoredButUnreadable());
            return await(persistenceId, seqNr, timeoutMillis - step);
        });
    }
}
