package dev.podium.persistence.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.persistence.events.ObjectEvent;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every current object in memory plus a bounded window of recent changes, fed by the journal
 * tail in ordering order. GET, LIST and WATCH are served from here; a write's response waits
 * until its event has been applied, so it can carry the real resourceVersion.
 */
public final class WatchCache {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TreeMap<String, CachedObject>> byKind = new HashMap<>();
    private final CacheIndexes indexes = new CacheIndexes();
    private final ArrayDeque<WatchEvent> window = new ArrayDeque<>();
    private final int windowCapacity;
    private final Map<String, Long> recentOrderings;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, List<SeqWaiter>> seqWaiters = new HashMap<>();
    private final TreeMap<Long, List<CompletableFuture<Long>>> rvWaiters = new TreeMap<>();
    private final CompletableFuture<Long> ready = new CompletableFuture<>();
    private long oldestRetainedRv = 0;
    private volatile Runnable onAwait = () -> { };
    private final Map<String, List<Consumer<WatchEvent>>> appliedListeners = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long currentRv = 0;

    public WatchCache(int windowCapacity) {
        this.windowCapacity = windowCapacity;
        this.recentOrderings = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > Math.max(windowCapacity, 10_000);
            }
        };
    }

    public long currentResourceVersion() {
        return currentRv;
    }

    public boolean isReady() {
        return ready.isDone();
    }

    /** Completes with the resourceVersion reached once the journal has been read up to its end at start-up. */
    public CompletionStage<Long> whenReady() {
        return ready;
    }

    /** Called whenever a writer starts waiting for its event: the journal tail polls at once. */
    public void onAwait(Runnable hook) {
        this.onAwait = hook;
    }

    /**
     * Tells {@code listener} of every change to objects of {@code kind}, as it is applied and before
     * any writer waiting for it is answered: what the listener derives is current when the write's
     * response goes out (a new CustomResourceDefinition is served once its create returns).
     */
    public void onApplied(String kind, Consumer<WatchEvent> listener) {
        appliedListeners.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    public void markReady() {
        ready.complete(currentRv);
    }

    /** Applies one journal event; events at or below the current version are duplicates and ignored. */
    public void apply(String persistenceId, long seqNr, long ordering, ObjectEvent event) {
        int bar = persistenceId.indexOf('|');
        String kind = persistenceId.substring(0, bar);
        String key = persistenceId.substring(bar + 1);
        List<CompletableFuture<Long>> rvDone = new ArrayList<>();
        List<SeqWaiter> seqDone = new ArrayList<>();
        lock.writeLock().lock();
        try {
            if (ordering <= currentRv) return;
            ObjectNode obj = event.object();
            obj.with("metadata").put("resourceVersion", Long.toString(ordering));
            TreeMap<String, CachedObject> objects = byKind.computeIfAbsent(kind, k -> new TreeMap<>());
            CachedObject previous = objects.get(key);
            WatchEvent.Type type;
            if (event instanceof ObjectEvent.ObjectDeleted) {
                type = WatchEvent.Type.DELETED;
                objects.remove(key);
                indexes.update(kind, key, previous == null ? null : previous.object(), null);
            } else {
                type = previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED;
                objects.put(key, new CachedObject(kind, key, obj, persistenceId, seqNr, ordering));
                indexes.update(kind, key, previous == null ? null : previous.object(), obj);
            }
            String namespace = namespaceOf(key);
            WatchEvent change = new WatchEvent(type, kind, namespace, obj, ordering);
            for (Consumer<WatchEvent> l : appliedListeners.getOrDefault(kind, List.of())) l.accept(change);
            window.addLast(change);
            while (window.size() > windowCapacity) oldestRetainedRv = window.removeFirst().resourceVersion();
            recentOrderings.put(persistenceId + "#" + seqNr, ordering);
            currentRv = ordering;
            for (Watcher w : watchers) {
                WatchEvent seen = forWatcher(w.filter, change, previous);
                if (seen != null) w.offer(seen);
            }
            var headRv = rvWaiters.headMap(ordering, true);
            headRv.values().forEach(rvDone::addAll);
            headRv.clear();
            List<SeqWaiter> waiting = seqWaiters.get(persistenceId);
            if (waiting != null) {
                waiting.removeIf(w -> {
                    if (w.seqNr <= seqNr) {
                        seqDone.add(w);
                        return true;
                    }
                    return false;
                });
                if (waiting.isEmpty()) seqWaiters.remove(persistenceId);
            }
        } finally {
            lock.writeLock().unlock();
        }
        long rv = ordering;
        rvDone.forEach(f -> f.complete(rv));
        for (SeqWaiter w : seqDone) w.future.complete(w.seqNr == seqNr ? rv : lookupOrdering(persistenceId, w.seqNr).orElse(rv));
    }

    private Optional<Long> lookupOrdering(String persistenceId, long seqNr) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(recentOrderings.get(persistenceId + "#" + seqNr));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Completes with the resourceVersion of the event {@code seqNr} of {@code persistenceId} once
     * the cache has applied it (or a later one), or fails after {@code timeoutMillis}.
     */
    public CompletionStage<Long> awaitApplied(String persistenceId, long seqNr, long timeoutMillis) {
        lock.writeLock().lock();
        try {
            Long known = recentOrderings.get(persistenceId + "#" + seqNr);
            if (known != null) return CompletableFuture.completedFuture(known);
            CachedObject current = findByPersistenceId(persistenceId);
            if (current != null && current.seqNr() >= seqNr) return CompletableFuture.completedFuture(current.resourceVersion());
            CompletableFuture<Long> f = new CompletableFuture<>();
            SeqWaiter waiter = new SeqWaiter(seqNr, f);
            seqWaiters.computeIfAbsent(persistenceId, k -> new ArrayList<>()).add(waiter);
            onAwait.run();
            return f.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((v, t) -> {
                if (t != null) forget(() -> {
                    List<SeqWaiter> list = seqWaiters.get(persistenceId);
                    if (list != null && list.remove(waiter) && list.isEmpty()) seqWaiters.remove(persistenceId);
                });
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Completes once the cache has reached {@code rv}, or fails after {@code timeoutMillis}. */
    public CompletionStage<Long> awaitResourceVersion(long rv, long timeoutMillis) {
        lock.writeLock().lock();
        try {
            if (currentRv >= rv) return CompletableFuture.completedFuture(currentRv);
            CompletableFuture<Long> f = new CompletableFuture<>();
            rvWaiters.computeIfAbsent(rv, k -> new ArrayList<>()).add(f);
            onAwait.run();
            return f.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((v, t) -> {
                if (t != null) forget(() -> {
                    List<CompletableFuture<Long>> list = rvWaiters.get(rv);
                    if (list != null && list.remove(f) && list.isEmpty()) rvWaiters.remove(rv);
                });
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void forget(Runnable removal) {
        lock.writeLock().lock();
        try {
            removal.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private CachedObject findByPersistenceId(String persistenceId) {
        int bar = persistenceId.indexOf('|');
        TreeMap<String, CachedObject> objects = byKind.get(persistenceId.substring(0, bar));
        return objects == null ? null : objects.get(persistenceId.substring(bar + 1));
    }

    public Optional<CachedObject> get(String kind, String key) {
        lock.readLock().lock();
        try {
            TreeMap<String, CachedObject> objects = byKind.get(kind);
            return Optional.ofNullable(objects == null ? null : objects.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Lists objects of a kind in key order (namespace/name), starting after {@code continueAfter},
     * returning at most {@code limit} (0 = all) that pass {@code predicate}.
     */
    public ListResult list(String kind, String namespace, Predicate<ObjectNode> predicate, int limit, String continueAfter) {
        return list(kind, namespace, List.of(), predicate, limit, continueAfter);
    }

    /** The objects of a kind on a node ({@code spec.nodeName}), through the node index. */
    public List<CachedObject> listByNode(String kind, String nodeName) {
        return list(kind, null, List.of(Index.nodeName(nodeName)), o -> true, 0, null).items();
    }

    /** The objects of a kind with an owner reference to {@code uid}, through the owner index. */
    public List<CachedObject> listByOwner(String kind, String uid) {
        return list(kind, null, List.of(Index.ownerUid(uid)), o -> true, 0, null).items();
    }

    /**
     * Like {@link #list(String, String, Predicate, int, String)}, but only objects in every one
     * of {@code indexes} can match (the caller's predicate must imply them): candidates are read
     * from the smallest bucket instead of the whole kind.
     */
    public ListResult list(String kind, String namespace, List<Index> indexes, Predicate<ObjectNode> predicate, int limit, String continueAfter) {
        lock.readLock().lock();
        try {
            TreeMap<String, CachedObject> objects = byKind.getOrDefault(kind, new TreeMap<>());
            Iterable<String> keys = candidates(kind, namespace, objects, indexes, continueAfter);
            List<CachedObject> items = new ArrayList<>();
            String last = null;
            long remaining = 0;
            String prefix = namespace == null ? null : namespace + "/";
            for (String k : keys) {
                if (prefix != null && !k.startsWith(prefix)) continue;
                CachedObject o = objects.get(k);
                if (o == null || !predicate.test(o.object())) continue;
                if (limit > 0 && items.size() >= limit) {
                    remaining++;
                    continue;
                }
                items.add(o);
                last = o.key();
            }
            return new ListResult(items, currentRv, remaining > 0 ? last : null, remaining);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The keys to look at, in key order and after {@code continueAfter}: the smallest index bucket, else the namespace's range. */
    private Iterable<String> candidates(String kind, String namespace, TreeMap<String, CachedObject> objects, List<Index> indexes,
                                        String continueAfter) {
        NavigableSet<String> keys = null;
        for (Index index : indexes) {
            NavigableSet<String> bucket = this.indexes.keys(kind, index);
            if (keys == null || bucket.size() < keys.size()) keys = bucket;
        }
        if (keys == null) {
            keys = namespace == null ? objects.navigableKeySet() : objects.navigableKeySet().subSet(namespace + "/", true, namespace + "/\uffff", false);
        }
        return continueAfter == null ? keys : keys.tailSet(continueAfter, false);
    }

    /**
     * The event a watch with this filter sees: an object that stops matching its selectors is
     * DELETED for it, one that starts matching is ADDED, as kube's watch cache does.
     */
    private static WatchEvent forWatcher(WatchFilter filter, WatchEvent change, CachedObject previous) {
        boolean now = filter.accepts(change.kind(), change.namespace(), change.object());
        boolean before = previous != null && filter.accepts(change.kind(), change.namespace(), previous.object());
        if (change.type() == WatchEvent.Type.DELETED) return now || before ? change : null;
        if (now && before) return change;
        if (now) return change.type() == WatchEvent.Type.ADDED ? change : withType(change, WatchEvent.Type.ADDED);
        if (before) return withType(change, WatchEvent.Type.DELETED);
        return null;
    }

    private static WatchEvent withType(WatchEvent e, WatchEvent.Type type) {
        return new WatchEvent(type, e.kind(), e.namespace(), e.object(), e.resourceVersion());
    }

    /** How many objects of each kind the cache holds. */
    public Map<String, Integer> counts() {
        lock.readLock().lock();
        try {
            Map<String, Integer> out = new TreeMap<>();
            byKind.forEach((k, v) -> out.put(k, v.size()));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A live stream of changes passing {@code filter}. With {@code fromRv < 0} it starts with a
     * synthetic ADDED for every current match; otherwise it replays the window after
     * {@code fromRv}, or fails with {@link TooOldResourceVersion} when that is no longer held.
     */
    public Source<WatchEvent, NotUsed> watch(WatchFilter filter, long fromRv, boolean bookmarks, int bufferSize, Materializer mat) {
        lock.writeLock().lock();
        try {
            List<WatchEvent> initial = new ArrayList<>();
            if (fromRv < 0) {
                TreeMap<String, CachedObject> objects = byKind.getOrDefault(filter.kind(), new TreeMap<>());
                for (CachedObject o : objects.values()) {
                    if (filter.accepts(o.kind(), o.namespace(), o.object())) {
                        initial.add(new WatchEvent(WatchEvent.Type.ADDED, o.kind(), o.namespace(), o.object(), o.resourceVersion()));
                    }
                }
            } else {
                if (fromRv < oldestRetainedRv) throw new TooOldResourceVersion(fromRv, oldestRetainedRv);
                for (WatchEvent e : window) {
                    if (e.resourceVersion() > fromRv && filter.accepts(e.kind(), e.namespace(), e.object())) initial.add(e);
                }
            }
            Pair<BoundedSourceQueue<WatchEvent>, Source<WatchEvent, NotUsed>> pair =
                    Source.<WatchEvent>queue(initial.size() + bufferSize).preMaterialize(mat);
            Watcher watcher = new Watcher(filter, pair.first(), bookmarks);
            initial.forEach(watcher::offer);
            watchers.add(watcher);
            return pair.second().watchTermination((nu, done) -> {
                done.whenComplete((d, t) -> watchers.remove(watcher));
                return NotUsed.getInstance();
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Sends a BOOKMARK at the current resourceVersion to every watch that asked for bookmarks. */
    public void sendBookmarks() {
        lock.writeLock().lock();
        try {
            for (Watcher w : watchers) {
                if (w.bookmarks) w.offer(new WatchEvent(WatchEvent.Type.BOOKMARK, w.filter.kind(), null, null, currentRv));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int watcherCount() {
        return watchers.size();
    }

    private static String namespaceOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    private record SeqWaiter(long seqNr, CompletableFuture<Long> future) {}

    private final class Watcher {
        final WatchFilter filter;
        final BoundedSourceQueue<WatchEvent> queue;
        final boolean bookmarks;

        Watcher(WatchFilter filter, BoundedSourceQueue<WatchEvent> queue, boolean bookmarks) {
            this.filter = filter;
            this.queue = queue;
            this.bookmarks = bookmarks;
        }

        /** A watcher that cannot keep up is ended; its client re-watches from its last resourceVersion. */
        void offer(WatchEvent e) {
            QueueOfferResult r = queue.offer(e);
            if (r != QueueOfferResult.enqueued()) {
                queue.complete();
                watchers.remove(this);
            }
        }
    }

    /** The requested resourceVersion is older than the window of changes the cache keeps. */
    public static final class TooOldResourceVersion extends RuntimeException {
        public TooOldResourceVersion(long requested, long oldest) {
            super("too old resource version: " + requested + " (" + oldest + ")", null, false, false);
        }
    }
}
