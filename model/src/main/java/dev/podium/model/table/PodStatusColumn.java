package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ready, Status and Restarts cells of a pod, ported from printPod in kubernetes
 * pkg/printers/internalversion/printers.go (1.32), which computes all three in one pass.
 */
public final class PodStatusColumn {
    /** What printPod derives from a pod; {@code lastRestart} is null when no container restarted with a known end. */
    public record Summary(int readyContainers, int totalContainers, String status, int restarts, Instant lastRestart) {
        public String ready() {
            return readyContainers + "/" + totalContainers;
        }

        /** "0", "3", or "3 (5m ago)" once a restarted container reports when it last ended. */
        public String restartsCell(Instant now) {
            if (restarts == 0 || lastRestart == null) return Integer.toString(restarts);
            return restarts + " (" + HumanDuration.format(Duration.between(lastRestart, now)) + " ago)";
        }
    }

    private PodStatusColumn() {}

    public static String status(JsonNode pod) {
        return summarize(pod).status();
    }

    public static Summary summarize(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        int restarts = 0;
        int restartableInitRestarts = 0;
        int total = Fields.size(spec, "containers");
        int ready = 0;
        Instant lastRestart = null;
        Instant lastRestartableInitRestart = null;

        String phase = Fields.text(status, "phase");
        String reason = phase;
        if (!Fields.text(status, "reason").isEmpty()) reason = Fields.text(status, "reason");
        for (JsonNode c : Fields.list(status, "conditions")) {
            if ("PodScheduled".equals(Fields.text(c, "type")) && "SchedulingGated".equals(Fields.text(c, "reason"))) {
                reason = "SchedulingGated";
            }
        }

        List<JsonNode> initSpecs = Fields.list(spec, "initContainers");
        Map<String, JsonNode> initContainers = new HashMap<>();
        for (JsonNode ic : initSpecs) {
            initContainers.put(Fields.text(ic, "name"), ic);
            if (restartable(ic)) total++;
        }

        boolean initializing = false;
        List<JsonNode> initStatuses = Fields.list(status, "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode c = initStatuses.get(i);
            boolean sidecar = restartable(initContainers.get(Fields.text(c, "name")));
            int count = (int) Fields.number(c, "restartCount");
            Instant finished = Timestamps.parse(Fields.at(c, "lastState", "terminated", "finishedAt"));
            restarts += count;
            lastRestart = Timestamps.later(lastRestart, finished);
            if (sidecar) {
                restartableInitRestarts += count;
                lastRestartableInitRestart = Timestamps.later(lastRestartableInitRestart, finished);
            }
            boolean terminated = Fields.present(c, "state", "terminated");
            if (terminated && Fields.number(c, "state", "terminated", "exitCode") == 0) continue;
            if (sidecar && Fields.bool(c, "started")) {
                if (Fields.bool(c, "ready")) ready++;
                continue;
            }
            String waitingReason = Fields.text(c, "state", "waiting", "reason");
            if (terminated) {
                reason = "Init:" + terminatedReason(Fields.at(c, "state", "terminated"));
            } else if (Fields.present(c, "state", "waiting") && !waitingReason.isEmpty() && !waitingReason.equals("PodInitializing")) {
                reason = "Init:" + waitingReason;
            } else {
                reason = "Init:" + i + "/" + initSpecs.size();
            }
            initializing = true;
            break;
        }

        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = restartableInitRestarts;
            lastRestart = lastRestartableInitRestart;
            boolean hasRunning = false;
            List<JsonNode> statuses = Fields.list(status, "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode c = statuses.get(i);
                restarts += (int) Fields.number(c, "restartCount");
                lastRestart = Timestamps.later(lastRestart, Timestamps.parse(Fields.at(c, "lastState", "terminated", "finishedAt")));
                String waitingReason = Fields.text(c, "state", "waiting", "reason");
                if (Fields.present(c, "state", "waiting") && !waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (Fields.present(c, "state", "terminated")) {
                    reason = terminatedReason(Fields.at(c, "state", "terminated"));
                } else if (Fields.bool(c, "ready") && Fields.present(c, "state", "running")) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A pod whose last-listed container completed while another still runs is not "Completed".
            if (reason.equals("Completed") && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }

        if (!Fields.text(pod, "metadata", "deletionTimestamp").isEmpty()) {
            if ("NodeLost".equals(Fields.text(status, "reason"))) {
                reason = "Unknown";
            } else if (!phase.equals("Failed") && !phase.equals("Succeeded")) {
                reason = "Terminating";
            }
        }
        return new Summary(ready, total, reason, restarts, lastRestart);
    }

    private static String terminatedReason(JsonNode terminated) {
        String r = Fields.text(terminated, "reason");
        if (!r.isEmpty()) return r;
        long signal = Fields.number(terminated, "signal");
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + Fields.number(terminated, "exitCode");
    }

    private static boolean restartable(JsonNode initContainer) {
        return initContainer != null && "Always".equals(Fields.text(initContainer, "restartPolicy"));
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : Fields.list(status, "conditions")) {
            if (type.equals(Fields.text(c, "type")) && "True".equals(Fields.text(c, "status"))) return true;
        }
        return false;
    }
}
