package dev.podium.actors.objects;

import dev.podium.actors.admission.AdmissionChain;
import dev.podium.persistence.watch.WatchCache;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What controllers use in a member: its cache (indexed reads), how to reach other entities, the
 * admission chain their creates pass like any API client's, the clock, how often they re-check
 * the cache, the member's budget of controller writes in flight, and where the built-in
 * provisioner puts the data of the volumes it makes; {@code member} (host:port of the cluster
 * member) is the host their Events name as their source.
 */
public record ControllerServices(WatchCache cache, ObjectClient objects, AdmissionChain admission, Clock clock, Duration recheck,
                                 WritePermits permits, Path volumeRoot, String member) {}
