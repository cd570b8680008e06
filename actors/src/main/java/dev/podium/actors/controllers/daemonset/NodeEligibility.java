package dev.podium.actors.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.scheduler.NodeInfo;
import dev.podium.actors.scheduler.plugins.NodeSelectors;
import dev.podium.actors.scheduler.plugins.Taint;
import dev.podium.actors.scheduler.plugins.Toleration;

import java.util.List;

/**
 * Whether a DaemonSet's pod belongs on a node (kube's NodeShouldRunDaemonPod): the template's
 * nodeSelector and required node affinity match, and every NoSchedule/NoExecute taint is
 * tolerated (with the tolerations DaemonSet pods always get); an untolerated NoSchedule taint
 * keeps a new pod off but lets a running one stay, an untolerated NoExecute one removes it.
 */
public final class NodeEligibility {
    /** kube's default DaemonSet tolerations: {key, effect}, operator Exists. */
    static final String[][] DAEMON_TOLERATIONS = {
            {"node.kubernetes.io/not-ready", "NoExecute"},
            {"node.kubernetes.io/unreachable", "NoExecute"},
            {"node.kubernetes.io/disk-pressure", "NoSchedule"},
            {"node.kubernetes.io/memory-pressure", "NoSchedule"},
            {"node.kubernetes.io/pid-pressure", "NoSchedule"},
            {"node.kubernetes.io/unschedulable", "NoSchedule"}};

    public record Verdict(boolean shouldRun, boolean shouldContinueRunning) {}

    private NodeEligibility() {}

    public static Verdict of(JsonNode template, ObjectNode node) {
        ObjectNode pod = template.deepCopy();
        ArrayNode tolerations = pod.with("spec").withArray("tolerations");
        for (String[] t : DAEMON_TOLERATIONS) tolerations.addObject().put("key", t[0]).put("operator", "Exists").put("effect", t[1]);
        NodeInfo info = NodeInfo.of(node, List.of());
        if (!NodeSelectors.podMatchesNode(pod, info)) return new Verdict(false, false);
        List<Toleration> tolerated = Toleration.of(pod);
        boolean schedule = true;
        boolean stay = true;
        for (Taint taint : Taint.of(node)) {
            if (Toleration.anyTolerates(tolerated, taint)) continue;
            if (Taint.NO_EXECUTE.equals(taint.effect())) {
                schedule = false;
                stay = false;
            } else if (Taint.NO_SCHEDULE.equals(taint.effect())) {
                schedule = false;
            }
        }
        return new Verdict(schedule, stay);
    }
}
