package dev.podium.actors.controllers.cronjob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.Fixtures;
import dev.podium.actors.controllers.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.podium.actors.controllers.Fixtures.actions;
import static dev.podium.actors.controllers.Fixtures.created;
import static dev.podium.actors.controllers.Fixtures.events;
import static dev.podium.actors.controllers.Fixtures.json;
import static dev.podium.actors.controllers.Fixtures.observe;
import static dev.podium.actors.controllers.Fixtures.status;
import static dev.podium.actors.controllers.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class CronJobReconcilerTest {
    static final CronJobReconciler R = new CronJobReconciler();
    static final String JOB = "Job.batch";

    static Instant t(String hhmmss) {
        return Instant.parse("2026-01-01T" + hhmmss + "Z");
    }

    static String name(Instant scheduled) {
        return "cj-" + scheduled.getEpochSecond() / 60;
    }

    /** CronJob cj on {@code schedule}, created at 10:00, last run at {@code last} (null: never). */
    static ObjectNode cronJob(String schedule, String last, String more) {
        ObjectNode cj = Fixtures.object("batch/v1", "CronJob", "cj", """
                schedule: '%s'
                concurrencyPolicy: Allow
                successfulJobsHistoryLimit: 3
                failedJobsHistoryLimit: 1
                jobTemplate:
                  metadata: {labels: {team: a}, annotations: {note: x}}
                  spec:
                    template:
                      spec: {restartPolicy: OnFailure, containers: [{name: main, image: busybox}]}
                %s
                """.formatted(schedule, more));
        cj.with("metadata").put("creationTimestamp", "2026-01-01T10:00:00Z");
        if (last != null) cj.putObject("status").put("lastScheduleTime", "2026-01-01T" + last + "Z");
        return cj;
    }

    static ObjectNode job(String name, ObjectNode cj, String startTime, String finished) {
        ObjectNode job = Fixtures.object("batch/v1", "Job", name, "template: {}");
        Fixtures.ownedBy(job, cj);
        if (startTime != null) job.putObject("status").put("startTime", "2026-01-01T" + startTime + "Z");
        if (finished != null) {
            job.with("status").withArray("conditions").addObject().put("type", finished).put("status", "True");
            if (finished.equals("Complete")) job.with("status").put("completionTime", "2026-01-01T" + startTime.replace(":00:", ":05:") + "Z");
        }
        return job;
    }

    static Plan reconcile(ObjectNode cj, Instant now, ObjectNode... jobs) {
        return R.reconcile(observe(cj).owned(JOB, jobs).at(now).build());
    }

    @Test
    void createsTheJobOfTheScheduledTime() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "");
        Plan plan = reconcile(cj, t("12:00:30"));

        assertThat(actions(plan, Action.Create.class)).singleElement().satisfies(c -> {
            assertThat(c.generateName()).isFalse();
            assertThat(json(c.object())).isEqualTo(yaml("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: %s
                      namespace: ns
                      labels: {team: a}
                      annotations: {note: x, batch.kubernetes.io/cronjob-scheduled-timestamp: '2026-01-01T12:00:00Z'}
                      ownerReferences:
                      - {apiVersion: batch/v1, kind: CronJob, name: cj, uid: cj-uid, controller: true, blockOwnerDeletion: true}
                    spec:
                      template:
                        spec: {restartPolicy: OnFailure, containers: [{name: main, image: busybox}]}
                    """.formatted(name(t("12:00:00")))));
        });
        assertThat(status(plan).orElseThrow().path("lastScheduleTime").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(270).plusMillis(100));
    }

    @Test
    void afterDowntimeOnlyTheMostRecentMissedRunStarts() {
        Plan plan = reconcile(cronJob("*/5 * * * *", "11:00:00", ""), t("12:17:00"));
        assertThat(created(plan, JOB)).extracting(j -> j.at("/metadata/name").asText()).containsExactly(name(t("12:15:00")));
        assertThat(events(plan)).isEmpty();
    }

    @ParameterizedTest(name = "last run {0}: {1} missed")
    @CsvSource({"10:20:00, 100, false", "10:19:00, 101, true", "09:00:00, 180, true"})
    void moreThan100MissedRunsAreReportedButTheLatestStillStarts(String last, int missed, boolean reported) {
        Plan plan = reconcile(cronJob("* * * * *", last, ""), t("12:00:30"));
        assertThat(events(plan)).isEqualTo(reported
                ? List.of("Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew")
                : List.of());
        assertThat(created(plan, JOB)).extracting(j -> j.at("/metadata/name").asText()).containsExactly(name(t("12:00:00")));
    }

    @ParameterizedTest(name = "startingDeadlineSeconds {0}")
    @CsvSource({"60, false", "600, true"})
    void aRunLaterThanStartingDeadlineSecondsIsSkipped(int deadline, boolean runs) {
        // 12:00 is 5 minutes late at 12:05; with a 60 s deadline kube's mostRecentScheduleTime no longer sees it
        Plan plan = reconcile(cronJob("0 * * * *", "11:00:00", "startingDeadlineSeconds: " + deadline), t("12:05:00"));
        assertThat(created(plan, JOB)).hasSize(runs ? 1 : 0);
        if (!runs) assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(55).plusMillis(100));
    }

    @Test
    void forbidWaitsForTheActiveJob() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "");
        cj.with("spec").put("concurrencyPolicy", "Forbid");
        Plan plan = reconcile(cj, t("12:00:30"), job("cj-running", cj, "11:55:00", null));
        assertThat(created(plan, JOB)).isEmpty();
        assertThat(events(plan)).containsExactly("Normal JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid");
        assertThat(status(plan).map(s -> s.path("lastScheduleTime").asText()).orElse("")).isNotEqualTo("2026-01-01T12:00:00Z");
    }

    @Test
    void replaceDeletesTheActiveJobsAndStartsTheNewOne() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "");
        cj.with("spec").put("concurrencyPolicy", "Replace");
        Plan plan = reconcile(cj, t("12:00:30"), job("cj-running", cj, "11:55:00", null));
        assertThat(actions(plan, Action.Delete.class)).containsExactly(new Action.Delete(CronJobReconciler.JOB, "ns/cj-running", "cj-running-uid", "Background"));
        assertThat(created(plan, JOB)).hasSize(1);
    }

    @Test
    void aCreatedJobIsActiveInTheSameReconcile() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "");
        Plan plan = reconcile(cj, t("12:00:30"));
        assertThat(json(status(plan).orElseThrow())).isEqualTo(yaml("""
                lastScheduleTime: '2026-01-01T12:00:00Z'
                active: [{apiVersion: batch/v1, kind: Job, name: %s, namespace: ns}]
                """.formatted(name(t("12:00:00")))));

        // while the create is in flight the Job counts as it was planned: nothing more to write
        cj.set("status", status(plan).orElseThrow());
        ObjectNode creating = created(plan, JOB).get(0);
        assertThat(reconcile(cj, t("12:00:31"), creating).actions()).isEmpty();
    }

    @Test
    void replacedJobsLeaveTheActiveListInTheSameReconcile() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "");
        cj.with("spec").put("concurrencyPolicy", "Replace");
        cj.with("status").putArray("active").add(yaml("{apiVersion: batch/v1, kind: Job, name: cj-running, namespace: ns, uid: cj-running-uid}"));
        ObjectNode running = job("cj-running", cj, "11:55:00", null);
        Plan plan = reconcile(cj, t("12:00:30"), running);
        assertThat(json(status(plan).orElseThrow().path("active"))).isEqualTo(yaml("""
                active: [{apiVersion: batch/v1, kind: Job, name: %s, namespace: ns}]
                """.formatted(name(t("12:00:00")))).get("active"));

        // the replaced Job, still terminating, does not come back
        cj.set("status", status(plan).orElseThrow());
        ObjectNode terminating = running.deepCopy();
        terminating.with("metadata").put("deletionTimestamp", "2026-01-01T12:00:30Z");
        Plan next = reconcile(cj, t("12:00:31"), terminating, created(plan, JOB).get(0));
        assertThat(status(next)).isEmpty();
        assertThat(actions(next, Action.Delete.class)).isEmpty();
    }

    @Test
    void allowStartsBesideTheActiveJob() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "");
        Plan plan = reconcile(cj, t("12:00:30"), job("cj-running", cj, "11:55:00", null));
        assertThat(Fixtures.deleted(plan)).isEmpty();
        assertThat(created(plan, JOB)).hasSize(1);
    }

    @Test
    void historyLimitsDeleteTheOldestFinishedJobs() {
        ObjectNode cj = cronJob("*/5 * * * *", "12:00:00", "");
        cj.with("spec").put("successfulJobsHistoryLimit", 1).put("failedJobsHistoryLimit", 1);
        Plan plan = reconcile(cj, t("12:01:00"),
                job("ok-3", cj, "11:00:00", "Complete"), job("ok-1", cj, "10:00:00", "Complete"), job("ok-2", cj, "10:30:00", "Complete"),
                job("bad-2", cj, "09:30:00", "Failed"), job("bad-1", cj, "09:00:00", "Failed"), job("running", cj, "11:58:00", null));
        assertThat(actions(plan, Action.Delete.class)).extracting(d -> d.objectKey() + " " + d.propagationPolicy())
                .containsExactly("ns/ok-1 Background", "ns/ok-2 Background", "ns/bad-1 Background");
    }

    @Test
    void statusFollowsTheJobs() {
        ObjectNode cj = cronJob("*/5 * * * *", "12:00:00", "");
        cj.with("status").putArray("active").add(yaml("{apiVersion: batch/v1, kind: Job, name: done, namespace: ns, uid: done-uid}"))
                .add(yaml("{apiVersion: batch/v1, kind: Job, name: running, namespace: ns, uid: running-uid}"));
        ObjectNode running = job("running", cj, "11:58:00", null);
        running.with("metadata").put("resourceVersion", "42");
        Plan plan = reconcile(cj, t("12:01:00"), job("done", cj, "11:00:00", "Complete"), running);

        assertThat(json(status(plan).orElseThrow())).isEqualTo(yaml("""
                lastScheduleTime: '2026-01-01T12:00:00Z'
                active: [{apiVersion: batch/v1, kind: Job, name: running, namespace: ns, uid: running-uid, resourceVersion: '42'}]
                lastSuccessfulTime: '2026-01-01T11:05:00Z'
                """));
        assertThat(events(plan)).containsExactly("Normal SawCompletedJob: Saw completed job: done, condition: Complete");
        assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(4).plusMillis(100));
    }

    @Test
    void aSuspendedCronJobStartsNothingAndDoesNotWakeUp() {
        ObjectNode cj = cronJob("*/5 * * * *", "11:55:00", "suspend: true");
        Plan plan = reconcile(cj, t("12:00:30"));
        assertThat(created(plan, JOB)).isEmpty();
        assertThat(plan.requeueAfter()).isEmpty();
    }

    @Test
    void aTimeZoneSchedulesInItAndStampsTheJobInIt() {
        ObjectNode cj = cronJob("0 21 * * *", null, "timeZone: Asia/Tokyo");
        Plan plan = reconcile(cj, t("12:00:30"));
        assertThat(created(plan, JOB)).singleElement().satisfies(j -> {
            assertThat(j.at("/metadata/name").asText()).isEqualTo(name(t("12:00:00")));
            assertThat(j.at("/metadata/annotations/batch.kubernetes.io~1cronjob-scheduled-timestamp").asText()).isEqualTo("2026-01-01T21:00:00+09:00");
        });
    }

    @Test
    void anUnparseableScheduleIsReported() {
        Plan plan = reconcile(cronJob("bogus", null, ""), t("12:00:30"));
        assertThat(created(plan, JOB)).isEmpty();
        assertThat(events(plan)).singleElement().asString().startsWith("Warning UnparseableSchedule: unparseable schedule: \"bogus\" : expected exactly 5 fields");
        assertThat(plan.requeueAfter()).isEmpty();
    }
}
