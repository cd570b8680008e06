package dev.podium.actors.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the scheduling algorithm decided for one pod. */
public sealed interface ScheduleResult {

    /** Bind the pod to {@code nodeName}. */
    record Scheduled(String nodeName) implements ScheduleResult {}

    /**
     * No node fits. {@code message} is kube's (for the PodScheduled=False condition, reason
     * Unschedulable, and the FailedScheduling event); {@code nodeStatuses} holds each node's
     * failing filter result. When preemption found room, {@code nomination} names the node to
     * set as status.nominatedNodeName and the victims to delete; the pod is retried afterwards.
     */
    record Unschedulable(String message, Map<String, FilterResult> nodeStatuses,
                         Optional<Nomination> nomination) implements ScheduleResult {
        public Unschedulable {
            nodeStatuses = Map.copyOf(nodeStatuses);
        }
    }

    record Nomination(String nodeName, List<ObjectNode> victims) {
        public Nomination {
            victims = List.copyOf(victims);
        }
    }
}
