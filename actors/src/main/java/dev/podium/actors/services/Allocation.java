package dev.podium.actors.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;

/**
 * Something a Service holds exclusively, and the API object whose existence claims it. Each
 * claim object is its own entity, so creating it is the single-writer test-and-set: the
 * create that finds it existing is refused AlreadyExists, on whichever API member it runs.
 */
public sealed interface Allocation {
    ResourceKind IP_ADDRESS = KindRegistry.get("IPAddress.networking.k8s.io");
    ResourceKind LEASE = KindRegistry.get("Lease.coordination.k8s.io");
    String MANAGED_BY = "ipaddress.kubernetes.io/managed-by";
    String IP_ALLOCATOR = "ipallocator.k8s.io";
    String NODE_PORT_NAMESPACE = "kube-system";
    String NODE_PORT_PREFIX = "nodeport-";

    ResourceKind claimKind();

    /** The claim object's entity id. */
    String claimId();

    /** The object to create to claim this for {@code holder}. */
    ObjectNode claimFor(ServiceRef holder);

    /** A cluster IP (canonical form): an IPAddress named by it, as kube's MultiCIDRServiceAllocator writes one. */
    record ClusterIP(String ip) implements Allocation {
        @Override
        public ResourceKind claimKind() {
            return IP_ADDRESS;
        }

        @Override
        public String claimId() {
            return ip;
        }

        @Override
        public ObjectNode claimFor(ServiceRef holder) {
            ObjectNode o = Json.object();
            o.put("apiVersion", IP_ADDRESS.apiVersion()).put("kind", IP_ADDRESS.kind());
            o.putObject("metadata").put("name", ip).putObject("labels")
                    .put("ipaddress.kubernetes.io/ip-family", ip.contains(":") ? "IPv6" : "IPv4")
                    .put(MANAGED_BY, IP_ALLOCATOR);
            o.putObject("spec").set("parentRef", holder.parentRef());
            return o;
        }
    }

    /**
     * A node port: a Lease {@code kube-system/nodeport-<port>} held by the Service. Kubernetes has
     * no API object per node port (its allocator keeps a bitmap in one hidden RangeAllocation
     * record); a Lease per port is an ordinary object with a holder, and one entity per port keeps
     * allocations on different ports from contending.
     */
    record NodePort(int port) implements Allocation {
        @Override
        public ResourceKind claimKind() {
            return LEASE;
        }

        @Override
        public String claimId() {
            return NODE_PORT_NAMESPACE + "/" + NODE_PORT_PREFIX + port;
        }

        @Override
        public ObjectNode claimFor(ServiceRef holder) {
            ObjectNode o = Json.object();
            o.put("apiVersion", LEASE.apiVersion()).put("kind", LEASE.kind());
            o.putObject("metadata").put("name", NODE_PORT_PREFIX + port).put("namespace", NODE_PORT_NAMESPACE);
            o.putObject("spec").put("holderIdentity", holder.holder());
            return o;
        }
    }
}
