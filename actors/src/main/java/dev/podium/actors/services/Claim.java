package dev.podium.actors.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podium.persistence.watch.CachedObject;
import dev.podium.persistence.watch.WatchCache;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A claim object as the watch cache shows it: what it claims, for which Service, its sequence number and creation time. */
public record Claim(Allocation allocation, ServiceRef holder, long seqNr, Instant created) {

    /** The IPAddresses the IP allocator manages and the node-port Leases: every claim this member's cache holds. */
    public static List<Claim> inCache(WatchCache cache) {
        List<Claim> out = new ArrayList<>();
        for (CachedObject o : cache.list(Allocation.IP_ADDRESS.entityTypeName(), null, Claim::managedIp, 0, null).items()) {
            of(o).ifPresent(out::add);
        }
        for (CachedObject o : cache.list(Allocation.LEASE.entityTypeName(), Allocation.NODE_PORT_NAMESPACE,
                l -> l.path("metadata").path("name").asText().startsWith(Allocation.NODE_PORT_PREFIX), 0, null).items()) {
            of(o).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Claim> of(CachedObject o) {
        return allocationOf(o).flatMap(a -> holderOf(a, o.object()).map(holder -> new Claim(a, holder, o.seqNr(), created(o.object()))));
    }

    /** Who a claim object names as holder: an IPAddress's parentRef, a Lease's holderIdentity. */
    static Optional<ServiceRef> holderOf(Allocation allocation, JsonNode claimObject) {
        JsonNode spec = claimObject.path("spec");
        if (allocation instanceof Allocation.ClusterIP) return ServiceRef.fromParentRef(spec.path("parentRef"));
        return ServiceRef.fromHolder(spec.path("holderIdentity").asText(""));
    }

    private static Optional<Allocation> allocationOf(CachedObject o) {
        if (o.kind().equals(Allocation.IP_ADDRESS.entityTypeName())) return Optional.of(new Allocation.ClusterIP(o.key()));
        String name = o.object().path("metadata").path("name").asText();
        try {
            return Optional.of(new Allocation.NodePort(Integer.parseInt(name.substring(Allocation.NODE_PORT_PREFIX.length()))));
        } catch (NumberFormatException | IndexOutOfBoundsException notOurs) {
            return Optional.empty();
        }
    }

    private static boolean managedIp(JsonNode ip) {
        return Allocation.IP_ALLOCATOR.equals(ip.path("metadata").path("labels").path(Allocation.MANAGED_BY).asText());
    }

    // a claim without a readable creation time counts as old: it cannot belong to a write in flight
    private static Instant created(JsonNode obj) {
        try {
            return Instant.parse(obj.path("metadata").path("creationTimestamp").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
