package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class PodFailurePolicyTest {

    static ObjectNode job(String rules) {
        ObjectNode job = Fixtures.object("batch/v1", "Job", "pi", null);
        job.putObject("spec").putObject("podFailurePolicy").set("rules", yaml("rules:\n" + rules).get("rules"));
        return job;
    }

    static ObjectNode exited(int code) {
        return Fixtures.pod("pi-x").exited("main", code, ago(1)).build();
    }

    static ObjectNode disrupted() {
        return Fixtures.pod("pi-x").phase("Failed").condition("DisruptionTarget", "True").build();
    }

    static Stream<Arguments> verdicts() {
        String failOn42 = "- {action: FailJob, onExitCodes: {operator: In, values: [42]}}\n";
        String ignoreDisruption = "- {action: Ignore, onPodConditions: [{type: DisruptionTarget}]}\n";
        return Stream.of(
                Arguments.of("In matches a listed exit code", failOn42, exited(42), "FailJob",
                        "Container main for pod ns/pi-x failed with exit code 42 matching FailJob rule at index 0"),
                Arguments.of("In does not match another code", failOn42, exited(1), null, null),
                Arguments.of("NotIn matches an unlisted code", "- {action: Count, onExitCodes: {operator: NotIn, values: [1, 2]}}\n", exited(3), "Count",
                        "Container main for pod ns/pi-x failed with exit code 3 matching Count rule at index 0"),
                Arguments.of("NotIn never matches exit code 0", "- {action: FailJob, onExitCodes: {operator: NotIn, values: [1]}}\n",
                        Fixtures.pod("pi-x").phase("Failed").with(p -> p.with("status").withArray("containerStatuses").addObject().put("name", "main")
                                .putObject("state").putObject("terminated").put("exitCode", 0)).build(), null, null),
                Arguments.of("containerName restricts the rule to that container",
                        "- {action: FailJob, onExitCodes: {containerName: side, operator: In, values: [42]}}\n", exited(42), null, null),
                Arguments.of("init containers are looked at too", failOn42,
                        Fixtures.pod("pi-x").phase("Failed").with(p -> p.with("status").withArray("initContainerStatuses").addObject().put("name", "init")
                                .putObject("state").putObject("terminated").put("exitCode", 42)).build(), "FailJob",
                        "Container init for pod ns/pi-x failed with exit code 42 matching FailJob rule at index 0"),
                Arguments.of("a pod condition with status defaulting to True", ignoreDisruption, disrupted(), "Ignore",
                        "Pod ns/pi-x has condition DisruptionTarget matching Ignore rule at index 0"),
                Arguments.of("a pod condition with another status does not match",
                        "- {action: Ignore, onPodConditions: [{type: DisruptionTarget, status: 'False'}]}\n", disrupted(), null, null),
                Arguments.of("the first matching rule wins", ignoreDisruption + failOn42,
                        Fixtures.pod("pi-x").exited("main", 42, ago(1)).condition("DisruptionTarget", "True").build(), "Ignore",
                        "Pod ns/pi-x has condition DisruptionTarget matching Ignore rule at index 0"),
                Arguments.of("a later rule matches when earlier ones do not", ignoreDisruption + failOn42, exited(42), "FailJob",
                        "Container main for pod ns/pi-x failed with exit code 42 matching FailJob rule at index 1"),
                Arguments.of("no rules, no verdict", "", exited(42), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void verdicts(String what, String rules, ObjectNode pod, String action, String message) {
        var verdict = PodFailurePolicy.judge(job(rules), pod);
        if (action == null) {
            assertThat(verdict).isEmpty();
        } else {
            assertThat(verdict).contains(new PodFailurePolicy.Verdict(action, message));
        }
    }
}
