package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Nodes;

import java.util.Iterator;
import java.util.Map;

/**
 * A pod's resource requests as kube's resource.PodRequests computes them: the sum of the app
 * containers, at least each init container (plus the sidecars started before it), sidecars
 * (restartable init containers) added to the sum, then the overhead. A container with a limit
 * but no request for a resource requests its limit, as API defaulting would have set it.
 */
public final class PodRequests {
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;
    /** The incoming pod's {@link #of} and {@link #nonZero}, computed once per scheduling cycle. */
    public static final CycleKey<Resources> REQUESTS = new CycleKey<>("PodRequests");
    public static final CycleKey<Resources> NON_ZERO_REQUESTS = new CycleKey<>("PodRequests/nonZero");

    private PodRequests() {}

    public static Resources of(JsonNode pod) {
        return compute(pod, false);
    }

    /**
     * Requests with kube's non-zero defaults for scoring: a container that requests no cpu
     * counts 100m, no memory 200Mi.
     */
    public static Resources nonZero(JsonNode pod) {
        return compute(pod, true);
    }

    private static Resources compute(JsonNode pod, boolean nonZero) {
        ObjectNode spec = Pods.spec(pod);
        Resources sum = Resources.ZERO;
        for (ObjectNode c : Nodes.objects(spec, "containers")) sum = sum.plus(container(c, nonZero));
        Resources sidecars = Resources.ZERO;
        Resources init = Resources.ZERO;
        for (ObjectNode c : Nodes.objects(spec, "initContainers")) {
            Resources r = container(c, nonZero);
            if ("Always".equals(Nodes.text(c, "restartPolicy"))) {
                sum = sum.plus(r);
                sidecars = sidecars.plus(r);
                init = init.max(sidecars);
            } else {
                init = init.max(r.plus(sidecars));
            }
        }
        return sum.max(init).plus(Resources.fromList(Nodes.obj(spec, "overhead"))).withPods(0);
    }

    private static Resources container(ObjectNode c, boolean nonZero) {
        ObjectNode resources = Nodes.obj(c, "resources");
        ObjectNode requests = Nodes.obj(resources, "requests");
        ObjectNode limits = Nodes.obj(resources, "limits");
        ObjectNode effective = requests == null ? c.objectNode() : requests.deepCopy();
        if (limits != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!effective.has(e.getKey())) effective.set(e.getKey(), e.getValue());
            }
        }
        Resources r = Resources.fromList(effective);
        if (nonZero) {
            long cpu = effective.has(Resources.CPU) ? r.milliCpu() : DEFAULT_MILLI_CPU_REQUEST;
            long mem = effective.has(Resources.MEMORY) ? r.memory() : DEFAULT_MEMORY_REQUEST;
            r = new Resources(cpu, mem, r.ephemeralStorage(), 0, r.scalars());
        }
        return r;
    }
}
