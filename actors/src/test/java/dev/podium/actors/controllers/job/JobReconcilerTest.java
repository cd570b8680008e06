package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.NOW;
import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.condition;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.deleted;
import static dev.podium.actors.controllers.Fixtures.events;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.patches;
import static dev.podium.actors.controllers.Fixtures.stamp;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class JobReconcilerTest {
    static final JobReconciler R = new JobReconciler();
    static final String TRACKING = "batch.kubernetes.io/job-tracking";

    /** Job pi (started 60 s ago unless the status says otherwise) with {@code spec} added to its restartPolicy Never template. */
    static ObjectNode job(String spec) {
        ObjectNode job = Fixtures.object("batch/v1", "Job", "pi", """
                selector: {matchLabels: {batch.kubernetes.io/controller-uid: pi-uid}}
                template:
                  metadata: {labels: {batch.kubernetes.io/controller-uid: pi-uid, batch.kubernetes.io/job-name: pi}}
                  spec:
                    restartPolicy: Never
                    containers: [{name: main, image: perl}]
                """);
        if (!spec.isBlank()) yaml(spec).fields().forEachRemaining(e -> job.with("spec").set(e.getKey(), e.getValue()));
        job.putObject("status").put("startTime", stamp(ago(60)));
        return job;
    }

    static Fixtures.PodBuilder pod(String name, ObjectNode job) {
        return Fixtures.pod(name).labels("batch.kubernetes.io/controller-uid", "pi-uid").owner(job).finalizer(TRACKING);
    }

    static Plan reconcile(ObjectNode job, ObjectNode... pods) {
        return R.reconcile(observe(job).owned("Pod", pods).build());
    }

    /** The pods a reconcile leaves: created ones added (running), deleted ones gone, finalizer patches applied. */
    static List<ObjectNode> after(Plan plan, List<ObjectNode> pods) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode p : pods) {
            String key = "ns/" + p.at("/metadata/name").asText();
            if (deleted(plan).contains(key)) continue;
            ObjectNode q = p;
            for (Action.Patch patch : patches(plan, key)) q = Fixtures.merged(q, patch.patch());
            out.add(q);
        }
        return out;
    }

    @ParameterizedTest(name = "completions {0}, parallelism {1}, {2} succeeded, {3} running: {4} new")
    @CsvSource(nullValues = "-", value = {
            "5, 2, 0, 0, 2",
            "5, 2, 4, 0, 1",
            "5, 3, 3, 1, 1",
            "5, 3, 2, 3, 0",
            "1, 1, 0, 1, 0",
            "-, 3, 0, 0, 3",
            "-, 3, 0, 1, 2",
            "-, 3, 1, 2, 0"})
    void createsMinOfParallelismAndRemainingCompletions(Integer completions, int parallelism, int succeeded, int running, int expected) {
        ObjectNode job = job("parallelism: " + parallelism + (completions == null ? "" : "\ncompletions: " + completions));
        if (succeeded > 0) job.with("status").put("succeeded", succeeded);
        List<ObjectNode> pods = new ArrayList<>();
        for (int i = 0; i < running; i++) pods.add(pod("pi-" + i, job).build());
        assertThat(created(R.reconcile(observe(job).owned("Pod", pods).build()), "Pod")).hasSize(expected);
    }

    @Test
    void podsCarryTheTemplateTheControllerReferenceAndTheTrackingFinalizer() {
        Plan plan = reconcile(job("completions: 1"));
        assertThat(actions(plan, Action.Create.class)).singleElement().satisfies(c -> {
            assertThat(c.generateName()).isTrue();
            assertThat(json(c.object())).isEqualTo(yaml("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      generateName: pi-
                      namespace: ns
                      labels: {batch.kubernetes.io/controller-uid: pi-uid, batch.kubernetes.io/job-name: pi}
                      finalizers: [batch.kubernetes.io/job-tracking]
                      ownerReferences:
                      - {apiVersion: batch/v1, kind: Job, name: pi, uid: pi-uid, controller: true, blockOwnerDeletion: true}
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: perl}]
                    """));
        });
    }

    @Test
    void aFinishedPodIsRecordedThenReleasedThenCountedAndOnlyThenTheJobCompletes() {
        ObjectNode job = job("completions: 1");
        List<ObjectNode> pods = List.of(pod("pi-a", job).exited("main", 0, ago(5)).build());

        // 1. the uid goes to uncountedTerminatedPods; the finalizer stays
        Plan first = R.reconcile(observe(job).owned("Pod", pods).build());
        ObjectNode s1 = status(first).orElseThrow();
        assertThat(json(s1.path("uncountedTerminatedPods"))).isEqualTo(yaml("succeeded: [pi-a-uid]"));
        assertThat(s1.has("succeeded")).isFalse();
        assertThat(patches(first, "ns/pi-a")).isEmpty();
        assertThat(condition(s1, "SuccessCriteriaMet").path("reason").asText()).isEqualTo("CompletionsReached");
        assertThat(condition(s1, "Complete").isMissingNode()).isTrue();

        // 2. with that written, the finalizer goes
        job.set("status", s1);
        Plan second = R.reconcile(observe(job).owned("Pod", pods).build());
        assertThat(patches(second, "ns/pi-a")).singleElement().satisfies(p -> assertThat(p.patch()).isEqualTo(yaml("""
                metadata: {uid: pi-a-uid, finalizers: null}
                """)));
        assertThat(status(second).map(s -> condition(s, "Complete").isMissingNode()).orElse(true)).isTrue();
        pods = after(second, pods);

        // 3. without it, the pod is counted and the Job is complete
        Plan third = R.reconcile(observe(job).owned("Pod", pods).build());
        ObjectNode s3 = status(third).orElseThrow();
        assertThat(s3.path("succeeded").asInt()).isEqualTo(1);
        assertThat(s3.path("uncountedTerminatedPods").isEmpty()).isTrue();
        assertThat(condition(s3, "Complete")).isEqualTo(yaml("""
                {type: Complete, lastTransitionTime: '%s', status: 'True', lastProbeTime: '%s', reason: CompletionsReached,
                 message: Reached expected number of succeeded pods}
                """.formatted(stamp(NOW), stamp(NOW))));
        assertThat(s3.path("completionTime").asText()).isEqualTo(stamp(NOW));
        assertThat(events(third)).containsExactly("Normal Completed: Job completed");
    }

    @Test
    void aJobIsNotCompleteWhileAPodStillRuns() {
        ObjectNode job = job("completions: 1\nparallelism: 2");
        job.with("status").put("succeeded", 1);
        Plan plan = reconcile(job, pod("pi-b", job).build());
        assertThat(condition(status(plan).orElseThrow(), "SuccessCriteriaMet").isMissingNode()).isFalse();
        assertThat(condition(status(plan).orElseThrow(), "Complete").isMissingNode()).isTrue();
        assertThat(deleted(plan)).containsExactly("ns/pi-b");
    }

    @Test
    void pastTheBackoffLimitTheJobFailsAfterItsPodsAreGone() {
        ObjectNode job = job("completions: 3\nparallelism: 2\nbackoffLimit: 1");
        job.with("status").put("failed", 1);
        List<ObjectNode> pods = List.of(pod("pi-a", job).exited("main", 1, ago(5)).build(), pod("pi-b", job).build());

        Plan first = R.reconcile(observe(job).owned("Pod", pods).build());
        ObjectNode s1 = status(first).orElseThrow();
        assertThat(condition(s1, "FailureTarget")).isEqualTo(yaml("""
                {type: FailureTarget, lastTransitionTime: '%s', status: 'True', lastProbeTime: '%s', reason: BackoffLimitExceeded,
                 message: Job has reached the specified backoff limit}
                """.formatted(stamp(NOW), stamp(NOW))));
        assertThat(condition(s1, "Failed").isMissingNode()).isTrue();
        assertThat(deleted(first)).containsExactly("ns/pi-b");
        assertThat(created(first, "Pod")).isEmpty();

        job.set("status", s1);
        pods = List.of(pods.get(0), pod("pi-b", job).deleting().build());
        for (int round = 0; round < 3; round++) {
            Plan plan = R.reconcile(observe(job).owned("Pod", pods).build());
            status(plan).ifPresent(s -> job.set("status", s));
            // a deleted pod whose kubelet is done goes once its finalizer does
            pods = after(plan, pods).stream().filter(p -> !p.at("/metadata/deletionTimestamp").isTextual() || p.at("/metadata/finalizers").isArray()).toList();
            assertThat(created(plan, "Pod")).isEmpty();
        }
        assertThat(job.at("/status/failed").asInt()).isEqualTo(3);
        assertThat(condition(job.path("status"), "Failed").path("reason").asText()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(job.path("status"), "Failed").path("message").asText()).isEqualTo("Job has reached the specified backoff limit");
    }

    @Test
    void theFailedConditionComesWithAWarningOnceNothingIsLeft() {
        ObjectNode job = job("backoffLimit: 0");
        job.with("status").put("failed", 1).putArray("conditions").add(yaml("""
                {type: FailureTarget, status: 'True', reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}
                """));
        Plan plan = reconcile(job);
        assertThat(condition(status(plan).orElseThrow(), "Failed").path("status").asText()).isEqualTo("True");
        assertThat(events(plan)).containsExactly("Warning BackoffLimitExceeded: Job has reached the specified backoff limit");
    }

    @Test
    void afterFailuresNewPodsWaitForTheBackoff() {
        ObjectNode job = job("completions: 1");
        job.with("status").put("failed", 2);
        ObjectNode failed1 = Fixtures.pod("pi-a").owner(job).exited("main", 1, ago(30)).build();
        ObjectNode failed2 = Fixtures.pod("pi-b").owner(job).exited("main", 1, ago(5)).build();

        Plan plan = reconcile(job, failed1, failed2);
        assertThat(created(plan, "Pod")).isEmpty();
        // two failures: 20 s after the last one
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(15).plusMillis(100));

        Plan later = R.reconcile(observe(job).owned("Pod", failed1, failed2).at(NOW.plusSeconds(16)).build());
        assertThat(created(later, "Pod")).hasSize(1);
    }

    @Test
    void pastActiveDeadlineSecondsTheJobFails() {
        ObjectNode job = job("activeDeadlineSeconds: 100");
        job.with("status").put("startTime", stamp(ago(150)));
        Plan plan = reconcile(job, pod("pi-a", job).build());
        assertThat(condition(status(plan).orElseThrow(), "FailureTarget").path("reason").asText()).isEqualTo("DeadlineExceeded");
        assertThat(condition(status(plan).orElseThrow(), "FailureTarget").path("message").asText()).isEqualTo("Job was active longer than specified deadline");
        assertThat(deleted(plan)).containsExactly("ns/pi-a");

        job.with("status").put("startTime", stamp(ago(40)));
        Plan before = reconcile(job, pod("pi-a", job).build());
        assertThat(condition(status(before).orElse(job.with("status")), "FailureTarget").isMissingNode()).isTrue();
        assertThat(before.requeueAfter()).contains(Duration.ofSeconds(60).plusMillis(100));
    }

    @Test
    void aSuspendedJobDeletesItsPodsWithoutCountingThemAsFailures() {
        ObjectNode job = job("suspend: true");
        Plan plan = reconcile(job, pod("pi-a", job).build());
        assertThat(deleted(plan)).containsExactly("ns/pi-a");
        ObjectNode status = status(plan).orElseThrow();
        assertThat(condition(status, "Suspended")).isEqualTo(yaml("""
                {type: Suspended, lastTransitionTime: '%s', status: 'True', lastProbeTime: '%s', reason: JobSuspended, message: Job suspended}
                """.formatted(stamp(NOW), stamp(NOW))));
        assertThat(events(plan)).containsExactly("Normal Suspended: Job suspended");

        job.set("status", status);
        Plan stopping = reconcile(job, pod("pi-a", job).deleting().build());
        assertThat(patches(stopping, "ns/pi-a")).hasSize(1);
        assertThat(status(stopping).map(s -> s.has("failed")).orElse(false)).isFalse();
        assertThat(status(stopping).map(s -> s.path("uncountedTerminatedPods").isEmpty()).orElse(true)).isTrue();
    }

    @Test
    void resumingResetsTheStartTimeAndCreatesPods() {
        ObjectNode job = job("suspend: false");
        job.with("status").put("startTime", stamp(ago(3600))).putArray("conditions").add(yaml("""
                {type: Suspended, status: 'True', reason: JobSuspended, message: Job suspended, lastTransitionTime: '%s'}
                """.formatted(stamp(ago(600)))));
        Plan plan = reconcile(job);
        ObjectNode status = status(plan).orElseThrow();
        assertThat(status.path("startTime").asText()).isEqualTo(stamp(NOW));
        assertThat(condition(status, "Suspended").path("status").asText()).isEqualTo("False");
        assertThat(condition(status, "Suspended").path("reason").asText()).isEqualTo("JobResumed");
        assertThat(condition(status, "Suspended").path("message").asText()).isEqualTo("Job resumed");
        assertThat(events(plan)).containsExactly("Normal Resumed: Job resumed");
        assertThat(created(plan, "Pod")).hasSize(1);
    }

    @Test
    void indexedPodsCarryTheirIndex() {
        ObjectNode job = job("completionMode: Indexed\ncompletions: 3\nparallelism: 3");
        ObjectNode done = pod("pi-1-x", job).annotation(JobReconciler.INDEX, "1").label(JobReconciler.INDEX, "1").exited("main", 0, ago(5)).build();
        Plan plan = reconcile(job, done);

        List<ObjectNode> pods = created(plan, "Pod");
        assertThat(pods).extracting(p -> p.at("/metadata/generateName").asText()).containsExactly("pi-0-", "pi-2-");
        ObjectNode first = pods.get(0);
        assertThat(first.at("/metadata/annotations/" + JobReconciler.INDEX.replace("/", "~1")).asText()).isEqualTo("0");
        assertThat(first.at("/metadata/labels/" + JobReconciler.INDEX.replace("/", "~1")).asText()).isEqualTo("0");
        assertThat(first.at("/spec/hostname").asText()).isEqualTo("pi-0");
        assertThat(json(first.at("/spec/containers/0/env"))).isEqualTo(json(yaml("""
                env: [{name: JOB_COMPLETION_INDEX, valueFrom: {fieldRef: {fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']"}}}]
                """).get("env")));
        assertThat(status(plan).orElseThrow().path("completedIndexes").asText()).isEqualTo("1");
    }

    @Test
    void aFailJobRuleFailsTheJobWithItsMessage() {
        ObjectNode job = job("podFailurePolicy: {rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]}");
        Plan plan = reconcile(job, pod("pi-a", job).exited("main", 42, ago(1)).build(), pod("pi-b", job).build());
        JsonNode target = condition(status(plan).orElseThrow(), "FailureTarget");
        assertThat(target.path("reason").asText()).isEqualTo("PodFailurePolicy");
        assertThat(target.path("message").asText()).isEqualTo("Container main for pod ns/pi-a failed with exit code 42 matching FailJob rule at index 0");
        assertThat(deleted(plan)).containsExactly("ns/pi-b");
    }

    @Test
    void anIgnoredFailureIsNotCounted() {
        ObjectNode job = job("backoffLimit: 0\npodFailurePolicy: {rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}");
        Plan plan = reconcile(job, pod("pi-a", job).phase("Failed").condition("DisruptionTarget", "True").build());
        assertThat(patches(plan, "ns/pi-a")).singleElement().satisfies(p -> assertThat(p.patch().at("/metadata/finalizers").isNull()).isTrue());
        ObjectNode status = status(plan).orElseThrow();
        assertThat(status.has("failed")).isFalse();
        assertThat(status.path("uncountedTerminatedPods").isEmpty()).isTrue();
        assertThat(condition(status, "FailureTarget").isMissingNode()).isTrue();
    }

    @Test
    void withAPodFailurePolicyAPodBeingDeletedCountsAndIsReplacedOnlyOnceItHasFailed() {
        ObjectNode job = job("backoffLimit: 0\npodFailurePolicy: {rules: [{action: Ignore, onPodConditions: [{type: DisruptionTarget}]}]}");

        // terminating on its node but still Running: not a failure yet, its finalizer stays, and no replacement comes
        Plan terminating = reconcile(job, pod("pi-a", job).node("n1").condition("DisruptionTarget", "True").deleting().build());
        ObjectNode status = status(terminating).orElseThrow();
        assertThat(status.has("failed")).isFalse();
        assertThat(status.path("uncountedTerminatedPods").isEmpty()).isTrue();
        assertThat(condition(status, "FailureTarget").isMissingNode()).isTrue();
        assertThat(status.path("terminating").asInt()).isEqualTo(1);
        assertThat(patches(terminating, "ns/pi-a")).isEmpty();
        assertThat(created(terminating, "Pod")).isEmpty();

        // Failed: the policy judges it (ignored here), its finalizer goes, and it is replaced
        Plan failed = reconcile(job, pod("pi-a", job).node("n1").phase("Failed").condition("DisruptionTarget", "True").deleting().build());
        assertThat(patches(failed, "ns/pi-a")).singleElement().satisfies(p -> assertThat(p.patch().at("/metadata/finalizers").isNull()).isTrue());
        assertThat(status(failed).orElseThrow().has("failed")).isFalse();
        assertThat(created(failed, "Pod")).hasSize(1);
    }

    @Test
    void withAPodFailurePolicyAPodBeingDeletedStillCountsAtOnceWhenTheJobEndsOrItWasNeverScheduled() {
        ObjectNode job = job("backoffLimit: 3\npodFailurePolicy: {rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]}");
        Plan unscheduled = reconcile(job, pod("pi-a", job).deleting().build());
        assertThat(json(status(unscheduled).orElseThrow().path("uncountedTerminatedPods"))).isEqualTo(yaml("failed: [pi-a-uid]"));

        job.with("status").putArray("conditions").addObject().put("type", "FailureTarget").put("status", "True").put("reason", "DeadlineExceeded");
        Plan ending = reconcile(job, pod("pi-b", job).node("n1").deleting().build());
        assertThat(json(status(ending).orElseThrow().path("uncountedTerminatedPods"))).isEqualTo(yaml("failed: [pi-b-uid]"));
    }

    @Test
    void withoutAPodFailurePolicyAPodBeingDeletedCountsAsFailedAtOnce() {
        ObjectNode job = job("backoffLimit: 3");
        Plan plan = reconcile(job, pod("pi-a", job).node("n1").deleting().build());
        assertThat(json(status(plan).orElseThrow().path("uncountedTerminatedPods"))).isEqualTo(yaml("failed: [pi-a-uid]"));
        assertThat(created(plan, "Pod")).hasSize(1);
    }

    @ParameterizedTest(name = "finished {0} s ago, ttl {1} s")
    @CsvSource({"100, 60, true, -1", "100, 300, false, 200", "60, 60, true, -1"})
    void aFinishedJobIsDeletedInTheForegroundOnceItsTtlIsOver(long finishedAgo, long ttl, boolean deleteNow, long requeueSeconds) {
        ObjectNode job = job("ttlSecondsAfterFinished: " + ttl);
        job.with("status").put("succeeded", 1).putArray("conditions").add(yaml("""
                {type: Complete, status: 'True', reason: CompletionsReached, lastTransitionTime: '%s'}
                """.formatted(stamp(ago(finishedAgo)))));
        Plan plan = reconcile(job);
        assertThat(actions(plan, Action.DeleteOwner.class)).isEqualTo(deleteNow ? List.of(new Action.DeleteOwner("Foreground")) : List.of());
        if (!deleteNow) assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(requeueSeconds).plusMillis(100));
    }

    @Test
    void inWorkQueueModeTheFirstSuccessEndsTheJobOnceTheOthersStop() {
        ObjectNode job = job("parallelism: 2");
        job.with("status").put("succeeded", 1);
        Plan running = reconcile(job, pod("pi-b", job).build());
        assertThat(created(running, "Pod")).isEmpty();
        assertThat(condition(status(running).orElseThrow(), "Complete").isMissingNode()).isTrue();

        Plan done = reconcile(job);
        assertThat(condition(status(done).orElseThrow(), "Complete").path("status").asText()).isEqualTo("True");
        assertThat(created(done, "Pod")).isEmpty();
    }
}
