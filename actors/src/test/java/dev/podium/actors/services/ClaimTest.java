package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.objects.ObjectEntity;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.validation.Validator;
import dev.podium.persistence.events.ObjectEvent;
import dev.podium.persistence.watch.WatchCache;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimTest {
    static final ServiceRef WEB = new ServiceRef("default", "web");
    final WatchCache cache = new WatchCache(100);
    final AtomicLong ordering = new AtomicLong();

    void store(ResourceKind kind, String id, ObjectNode obj) {
        obj.with("metadata").put("creationTimestamp", "2026-01-01T00:00:00Z");
        cache.apply(ObjectEntity.persistenceId(kind, id), 1, ordering.incrementAndGet(), new ObjectEvent.ObjectCreated(obj));
    }

    @Test
    void claimObjectsAreValidAndReadBackAsTheirAllocationAndHolder() {
        for (Allocation a : List.of(new Allocation.ClusterIP("10.96.0.5"), new Allocation.ClusterIP("fd00::5"), new Allocation.NodePort(30080))) {
            ObjectNode obj = a.claimFor(WEB);
            assertThat(Validator.forCreate(a.claimKind(), obj)).as(a.toString()).isEmpty();
            store(a.claimKind(), a.claimId(), obj);
        }
        assertThat(Claim.inCache(cache)).extracting(c -> c.allocation() + " " + c.holder() + " " + c.created()).containsExactlyInAnyOrder(
                "ClusterIP[ip=10.96.0.5] services/default/web 2026-01-01T00:00:00Z",
                "ClusterIP[ip=fd00::5] services/default/web 2026-01-01T00:00:00Z",
                "NodePort[port=30080] services/default/web 2026-01-01T00:00:00Z");
        assertThat(new Allocation.ClusterIP("10.96.0.5").claimFor(WEB).at("/spec/parentRef").toString())
                .isEqualTo("{\"group\":\"\",\"resource\":\"services\",\"namespace\":\"default\",\"name\":\"web\"}");
        assertThat(new Allocation.NodePort(30080).claimFor(WEB).at("/spec/holderIdentity").asText()).isEqualTo("services/default/web");
    }

    @Test
    void objectsThatAreNoClaimsOfTheAllocatorAreIgnored() {
        ObjectNode foreignIp = new Allocation.ClusterIP("10.96.0.7").claimFor(WEB);
        foreignIp.with("metadata").with("labels").put(Allocation.MANAGED_BY, "someone-else");
        store(Allocation.IP_ADDRESS, "10.96.0.7", foreignIp);
        ObjectNode otherLease = new Allocation.NodePort(30081).claimFor(WEB);
        otherLease.with("metadata").put("name", "nodeport-controller");
        store(Allocation.LEASE, "kube-system/nodeport-controller", otherLease);
        ObjectNode leaseOfANode = new Allocation.NodePort(30082).claimFor(WEB);
        leaseOfANode.with("spec").put("holderIdentity", "node-1");
        store(Allocation.LEASE, "kube-system/nodeport-30082", leaseOfANode);
        assertThat(Claim.inCache(cache)).isEmpty();
    }
}
