package dev.podium.actors.kubelet;

import dev.podium.actors.objects.ObjectClient;
import dev.podium.persistence.watch.WatchCache;

import dev.podium.actors.security.ServiceAccountTokens;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the node agents of a JVM share: the member's cache (read for re-checks and for the
 * ConfigMaps and Secrets pods use), how they write, their clock and timings, the API port that
 * serves their pods' logs to other members, and the local node's static pod manifests (null: none).
 */
public record KubeletSettings(WatchCache cache, ObjectClient objects, Clock clock, Duration resync, Duration leaseRenewal, int kubeletPort,
                              StaticPodSource staticPods, ServiceAccountTokens tokens) {
    /** Without service account tokens: projected token sources cannot be filled. */
    public KubeletSettings(WatchCache cache, ObjectClient objects, Clock clock, Duration resync, Duration leaseRenewal, int kubeletPort,
                           StaticPodSource staticPods) {
        this(cache, objects, clock, resync, leaseRenewal, kubeletPort, staticPods, null);
    }

    /** Where a node's static pod manifests live. */
    public record StaticPodSource(Path directory, String nodeName) {}
}
