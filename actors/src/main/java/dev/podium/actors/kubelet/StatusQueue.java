package dev.podium.actors.kubelet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node agents' status manager, as kubelet's: it keeps the latest status of each pod until
 * an entity has answered for it, sends at most one patch per pod at a time and at most
 * {@code limit} in all, and when a pod's status changes while its patch is in flight, sends only
 * the newest afterwards. Bursts (thousands of pods starting at once) therefore reach the journal
 * as a bounded stream, and statuses superseded while waiting are never written. Not thread-safe.
 */
final class StatusQueue<R> {
    private final int limit;
    private final Map<String, R> latest = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Set<String> waiting = new LinkedHashSet<>();

    StatusQueue(int limit) {
        this.limit = limit;
    }

    /** The pod's status is now {@code report}; returns what to send now (empty when it must wait). */
    List<R> offer(String uid, R report) {
        latest.put(uid, report);
        waiting.add(uid);
        return drain();
    }

    /**
     * The patch carrying {@code report} was answered ({@code delivered}) or failed; returns what
     * to send now. A failed one stays latest, to be offered again (on resync).
     */
    List<R> done(String uid, R report, boolean delivered) {
        inFlight.remove(uid);
        if (delivered) latest.remove(uid, report);
        return drain();
    }

    /** The pod is gone: nothing more is sent for it. */
    void forget(String uid) {
        latest.remove(uid);
        waiting.remove(uid);
    }

    /** Nothing of the pod's is waiting or in flight: its last status offered has been answered for. */
    boolean settled(String uid) {
        return !latest.containsKey(uid) && !inFlight.contains(uid);
    }

    /** Statuses no entity has answered for yet. */
    List<R> undelivered() {
        return List.copyOf(latest.values());
    }

    int inFlight() {
        return inFlight.size();
    }

    private List<R> drain() {
        List<R> send = new ArrayList<>();
        var it = waiting.iterator();
        while (inFlight.size() < limit && it.hasNext()) {
            String uid = it.next();
            if (inFlight.contains(uid)) continue;
            it.remove();
            R report = latest.get(uid);
            if (report == null) continue;
            inFlight.add(uid);
            send.add(report);
        }
        return send;
    }
}
