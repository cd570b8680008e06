package dev.podium.runtime;

import dev.podium.model.json.Times;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders a complete core/v1 PodStatus from container statuses, computing the phase as kubelet's
 * getPhase does and remembering each condition's lastTransitionTime. One instance per pod; not thread-safe.
 */
public final class StatusBuilder {
    private record Condition(String status, String reason, String message, String since) {}

    private final Clock clock;
    private final Map<String, Condition> conditions = new LinkedHashMap<>();

    public StatusBuilder(Clock clock) {
        this.clock = clock;
    }

    public static String restartPolicy(JsonNode pod) {
        String p = Json.textAt(pod, "spec.restartPolicy");
        return p == null || p.isEmpty() ? "Always" : p;
    }

    /** The phase per kubelet's rules; {@code stopping}: the pod is being (or was) stopped, so nothing restarts. */
    public static String phase(String restartPolicy, List<ContainerStatus> init, List<ContainerStatus> app, boolean stopping) {
        boolean initDone = init.stream().allMatch(ContainerStatus::succeeded);
        if (!initDone) {
            boolean initFailed = init.stream().anyMatch(c -> c.terminated() && !c.succeeded());
            if (initFailed && ("Never".equals(restartPolicy) || stopping)) return "Failed";
            if (stopping && init.stream().noneMatch(ContainerStatus::running)) return "Failed";
            return "Pending";
        }
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        for (ContainerStatus c : app) {
            if (c.state instanceof ContainerState.Running) running++;
            else if (c.state instanceof ContainerState.Terminated t) {
                stopped++;
                if (t.exitCode() == 0) succeeded++;
            } else if (c.lastState != null) stopped++;
            else waiting++;
        }
        if (stopping && running == 0) return succeeded == app.size() ? "Succeeded" : "Failed";
        if (waiting > 0) return "Pending";
        if (running > 0) return "Running";
        if (stopped == 0) return "Pending";
        if ("Always".equals(restartPolicy)) return "Running";
        if (stopped == succeeded) return "Succeeded";
        if ("Never".equals(restartPolicy)) return "Failed";
        return "Running";
    }

    public ObjectNode build(ObjectNode pod, String hostIP, Instant startTime, List<ContainerStatus> init,
                            List<ContainerStatus> app, boolean stopping) {
        String phase = phase(restartPolicy(pod), init, app, stopping);
        boolean completed = phase.equals("Succeeded") || phase.equals("Failed");
        ObjectNode st = Json.object();
        st.put("phase", phase);

        String uninitialized = names(init.stream().filter(c -> !c.succeeded()).toList());
        String unready = names(app.stream().filter(c -> !c.ready).toList());
        condition("PodScheduled", "True", null, null);
        if (uninitialized.isEmpty()) condition("Initialized", "True", null, null);
        else condition("Initialized", "False", "ContainersNotInitialized", "containers with incomplete status: [" + uninitialized + "]");
        if (completed) {
            condition("ContainersReady", "False", "PodCompleted", null);
            condition("Ready", "False", "PodCompleted", null);
        } else if (unready.isEmpty()) {
            condition("ContainersReady", "True", null, null);
            condition("Ready", "True", null, null);
        } else {
            String msg = "containers with unready status: [" + unready + "]";
            condition("ContainersReady", "False", "ContainersNotReady", msg);
            condition("Ready", "False", "ContainersNotReady", msg);
        }
        ArrayNode conds = st.putArray("conditions");
        for (String type : List.of("Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            Condition c = conditions.get(type);
            ObjectNode n = conds.addObject().put("type", type).put("status", c.status());
            n.putNull("lastProbeTime");
            n.put("lastTransitionTime", c.since());
            if (c.reason() != null) n.put("reason", c.reason());
            if (c.message() != null) n.put("message", c.message());
        }
        if (hostIP != null) {
            st.put("hostIP", hostIP);
            st.putArray("hostIPs").addObject().put("ip", hostIP);
            st.put("podIP", hostIP);
            st.putArray("podIPs").addObject().put("ip", hostIP);
        }
        if (startTime != null) st.put("startTime", Times.rfc3339(startTime));
        if (!init.isEmpty()) {
            ArrayNode arr = st.putArray("initContainerStatuses");
            init.forEach(c -> arr.add(container(c)));
        }
        ArrayNode arr = st.putArray("containerStatuses");
        app.forEach(c -> arr.add(container(c)));
        JsonNode qos = pod.path("status").get("qosClass");
        if (qos != null && qos.isTextual()) st.put("qosClass", qos.asText());
        return st;
    }

    private void condition(String type, String status, String reason, String message) {
        Condition old = conditions.get(type);
        String since = old != null && old.status().equals(status) ? old.since() : Times.now(clock);
        Condition c = new Condition(status, reason, message, since);
        if (!Objects.equals(old, c)) conditions.put(type, c);
    }

    private static String names(List<ContainerStatus> cs) {
        return cs.stream().map(c -> c.name).collect(Collectors.joining(" "));
    }

    public static ObjectNode container(ContainerStatus c) {
        ObjectNode n = Json.object();
        n.put("name", c.name);
        n.set("state", state(c.state));
        n.set("lastState", c.lastState == null ? Json.object() : state(c.lastState));
        n.put("ready", c.ready);
        n.put("restartCount", c.restartCount);
        n.put("image", c.image == null ? "" : c.image);
        n.put("imageID", "");
        if (c.containerID != null) n.put("containerID", c.containerID);
        n.put("started", c.started);
        return n;
    }

    public static ObjectNode state(ContainerState s) {
        ObjectNode n = Json.object();
        if (s instanceof ContainerState.Waiting w) {
            ObjectNode o = n.putObject("waiting");
            if (w.reason() != null) o.put("reason", w.reason());
            if (w.message() != null) o.put("message", w.message());
        } else if (s instanceof ContainerState.Running r) {
            n.putObject("running").put("startedAt", Times.rfc3339(r.startedAt()));
        } else if (s instanceof ContainerState.Terminated t) {
            ObjectNode o = n.putObject("terminated");
            o.put("exitCode", t.exitCode());
            if (t.signal() != 0) o.put("signal", t.signal());
            o.put("reason", t.reason());
            if (t.message() != null) o.put("message", t.message());
            if (t.startedAt() != null) o.put("startedAt", Times.rfc3339(t.startedAt()));
            if (t.finishedAt() != null) o.put("finishedAt", Times.rfc3339(t.finishedAt()));
            if (t.containerID() != null) o.put("containerID", t.containerID());
        }
        return n;
    }
}
