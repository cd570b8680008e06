package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A Job's podFailurePolicy applied to a failed pod: the first rule that matches decides
 * (FailJob, Ignore, Count), matching container exit codes (In/NotIn, non-zero only) or pod conditions.
 */
public final class PodFailurePolicy {
    /** What a failed pod does to its Job, and the message a FailJob rule gives. */
    public record Verdict(String action, String message) {}

    private PodFailurePolicy() {}

    public static Optional<Verdict> judge(JsonNode job, JsonNode pod) {
        JsonNode rules = job.path("spec").path("podFailurePolicy").path("rules");
        String who = pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name").asText();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String action = rule.path("action").asText();
            JsonNode codes = rule.path("onExitCodes");
            if (!codes.isMissingNode()) {
                for (String section : new String[] {"containerStatuses", "initContainerStatuses"}) {
                    for (JsonNode c : pod.path("status").path(section)) {
                        int exit = c.path("state").path("terminated").path("exitCode").asInt(0);
                        if (exit == 0) continue;
                        String container = codes.path("containerName").asText("");
                        if (!container.isEmpty() && !container.equals(c.path("name").asText())) continue;
                        boolean listed = false;
                        for (JsonNode v : codes.path("values")) listed |= v.asInt() == exit;
                        if (listed == "In".equals(codes.path("operator").asText("In"))) {
                            return Optional.of(new Verdict(action, "Container " + c.path("name").asText() + " for pod " + who + " failed with exit code "
                                    + exit + " matching " + action + " rule at index " + i));
                        }
                    }
                }
            }
            for (JsonNode want : rule.path("onPodConditions")) {
                for (JsonNode c : pod.path("status").path("conditions")) {
                    if (want.path("type").asText().equals(c.path("type").asText()) && want.path("status").asText("True").equals(c.path("status").asText())) {
                        return Optional.of(new Verdict(action, "Pod " + who + " has condition " + c.path("type").asText() + " matching " + action
                                + " rule at index " + i));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
