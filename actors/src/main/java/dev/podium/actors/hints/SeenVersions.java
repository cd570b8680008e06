package dev.podium.actors.hints;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The newest entity sequence number a receiver has seen per object key, so that a hint arriving
 * twice, late or out of order (after a shard moved, or after a re-list) is dropped. A deleted
 * object leaves a tombstone for {@code tombstoneTtl}, long enough for any straggler to arrive.
 * Not thread-safe: one actor owns it.
 */
public final class SeenVersions {
    private final Map<String, Long> live = new HashMap<>();
    private final Map<String, Tombstone> deleted = new HashMap<>();
    private final Duration tombstoneTtl;

    private record Tombstone(long seqNr, Instant at) {}

    public SeenVersions(Duration tombstoneTtl) {
        this.tombstoneTtl = tombstoneTtl;
    }

    /** Whether {@code seqNr} is newer than anything seen for {@code key}; if so it becomes the newest. */
    public boolean accept(String key, long seqNr, boolean deletion, Instant now) {
        if (seqNr <= newest(key)) return false;
        if (deletion) {
            live.remove(key);
            deleted.put(key, new Tombstone(seqNr, now));
        } else {
            deleted.remove(key);
            live.put(key, seqNr);
        }
        return true;
    }

    /** The newest sequence number seen for {@code key} (0 when none). */
    public long newest(String key) {
        Long seq = live.get(key);
        if (seq != null) return seq;
        Tombstone t = deleted.get(key);
        return t == null ? 0 : t.seqNr();
    }

    /** Whether the newest thing seen for {@code key} is an existing object. */
    public boolean exists(String key) {
        return live.containsKey(key);
    }

    /** Keys of the objects seen to exist. */
    public List<String> existing() {
        return List.copyOf(live.keySet());
    }

    /** Drops tombstones older than the time to live. */
    public void expire(Instant now) {
        for (Iterator<Tombstone> it = deleted.values().iterator(); it.hasNext(); ) {
            if (it.next().at().plus(tombstoneTtl).isBefore(now)) it.remove();
        }
    }

    public int size() {
        return live.size();
    }
}
