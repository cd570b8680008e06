package dev.podium.actors.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.controllers.job.JobConditions;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;
import dev.podium.model.kinds.rules.CronSchedule;
import dev.podium.model.meta.OwnerReference;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The CronJob controller (kube's cronjob controller v2): at each scheduled time a Job named
 * {@code <cronjob>-<minutes since the epoch>} from the jobTemplate, under the concurrency policy
 * (Allow, Forbid, Replace); after downtime only the most recent missed time runs, and only within
 * startingDeadlineSeconds (more than 100 missed times also records TooManyMissedTimes); finished
 * Jobs beyond the history limits are deleted; status.active, lastScheduleTime and
 * lastSuccessfulTime follow the Jobs. Between runs it sleeps until the next scheduled time.
 */
public final class CronJobReconciler implements Reconciler {
    static final ResourceKind JOB = KindRegistry.get("Job.batch");
    static final String SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(JOB);
    }

    @Override
    public Optional<String> createdMessage(ObjectNode created) {
        return Optional.of("Created job " + created.path("metadata").path("name").asText());
    }

    @Override
    public Optional<String> deletedMessage(ObjectNode deleted) {
        return Optional.of("Deleted job " + deleted.path("metadata").path("name").asText());
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode cj = observed.owner();
        Instant now = observed.now();
        Plan.Builder plan = new Plan.Builder();
        ObjectNode status = cj.path("status").isObject() ? ((ObjectNode) cj.path("status")).deepCopy() : Json.object();
        List<ObjectNode> jobs = observed.owned(JOB.entityTypeName());
        List<ObjectNode> active = followJobs(cj, jobs, status, plan);
        if (!cj.path("metadata").has("deletionTimestamp")) {
            cleanHistory(cj, jobs, plan);
            if (!cj.path("spec").path("suspend").asBoolean(false)) schedule(cj, active, status, now, plan);
        }
        if (!status.equals(cj.path("status"))) plan.add(new Action.UpdateStatus(status));
        return plan.build();
    }

    /**
     * status.active lists the unfinished Jobs; a finished one leaves it (SawCompletedJob) and a
     * success moves lastSuccessfulTime. A Job being deleted that status.active no longer lists (one
     * Replace took out) does not come back into it.
     */
    private static List<ObjectNode> followJobs(ObjectNode cj, List<ObjectNode> jobs, ObjectNode status, Plan.Builder plan) {
        List<String> wasActive = new ArrayList<>();
        status.path("active").forEach(r -> wasActive.add(r.path("name").asText()));
        List<ObjectNode> active = new ArrayList<>();
        ArrayNode refs = Json.MAPPER.createArrayNode();
        for (ObjectNode job : jobs) {
            String name = job.path("metadata").path("name").asText();
            if (JobConditions.finished(job.path("status"))) {
                if (wasActive.contains(name)) {
                    String outcome = JobConditions.isTrue(job.path("status"), "Complete") ? "Complete" : "Failed";
                    plan.add(new Action.Event(cj, "Normal", "SawCompletedJob", "Saw completed job: " + name + ", condition: " + outcome));
                }
                String completion = job.path("status").path("completionTime").asText("");
                if (!completion.isEmpty() && (!status.has("lastSuccessfulTime") || completion.compareTo(status.path("lastSuccessfulTime").asText()) > 0)) {
                    status.put("lastSuccessfulTime", completion);
                }
                continue;
            }
            if (job.path("metadata").has("deletionTimestamp") && !wasActive.contains(name)) continue;
            active.add(job);
            refs.add(ref(job));
        }
        if (refs.isEmpty()) status.remove("active");
        else status.set("active", refs);
        return active;
    }

    /** An ObjectReference to a Job as status.active lists it (no uid or resourceVersion while it is being created). */
    private static ObjectNode ref(ObjectNode job) {
        ObjectNode ref = Json.object().put("apiVersion", "batch/v1").put("kind", "Job").put("name", job.path("metadata").path("name").asText())
                .put("namespace", job.path("metadata").path("namespace").asText());
        for (String field : new String[] {"uid", "resourceVersion"}) {
            String value = job.path("metadata").path(field).asText("");
            if (!value.isEmpty()) ref.put(field, value);
        }
        return ref;
    }

    /** Runs the most recent scheduled time that is due, or sleeps until the next one. */
    private static void schedule(ObjectNode cj, List<ObjectNode> active, ObjectNode status, Instant now, Plan.Builder plan) {
        String timeZone = cj.path("spec").path("timeZone").asText("");
        String spec = cj.path("spec").path("schedule").asText();
        CronSchedule.Parse parsed = CronSchedule.parse(timeZone.isEmpty() ? spec : "TZ=" + timeZone + " " + spec);
        if (parsed instanceof CronSchedule.Unparseable u) {
            plan.add(new Action.Event(cj, "Warning", "UnparseableSchedule", "unparseable schedule: \"" + spec + "\" : " + u.error()));
            return;
        }
        CronSchedule schedule = ((CronSchedule.Parsed) parsed).schedule();
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        Missed missed = mostRecent(cj, schedule, now);
        schedule.next(at).ifPresent(next -> plan.requeue(Duration.between(now, next.toInstant()).plusMillis(100)));
        if (missed.time == null) return;
        if (missed.count > 100) {
            plan.add(new Action.Event(cj, "Warning", "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
        }
        JsonNode deadline = cj.path("spec").get("startingDeadlineSeconds");
        Instant scheduled = missed.time;
        if (deadline != null && !deadline.isNull() && scheduled.plusSeconds(deadline.asLong()).isBefore(now)) {
            plan.add(new Action.Event(cj, "Warning", "MissSchedule", "Missed scheduled time to start a job: "
                    + DateTimeFormatter.RFC_1123_DATE_TIME.format(scheduled.atZone(ZoneOffset.UTC))));
            return;
        }
        String name = cj.path("metadata").path("name").asText() + "-" + scheduled.getEpochSecond() / 60;
        if (active.stream().anyMatch(j -> j.path("metadata").path("name").asText().equals(name))) return;
        if (Times.rfc3339(scheduled).equals(status.path("lastScheduleTime").asText())) return;
        String policy = cj.path("spec").path("concurrencyPolicy").asText("Allow");
        if (policy.equals("Forbid") && !active.isEmpty()) {
            plan.add(new Action.Event(cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid"));
            return;
        }
        // as kube's syncCronJob: a replaced Job leaves status.active once its delete is sent, the new one joins it once created
        ArrayNode refs = status.has("active") ? (ArrayNode) status.get("active") : Json.MAPPER.createArrayNode();
        if (policy.equals("Replace")) {
            for (ObjectNode job : active) {
                plan.add(new Action.Delete(JOB, ControllerRefs.keyOf(job), job.path("metadata").path("uid").asText(), "Background"));
                for (int i = refs.size() - 1; i >= 0; i--) {
                    if (refs.get(i).path("name").asText().equals(job.path("metadata").path("name").asText())) refs.remove(i);
                }
            }
        }
        ObjectNode created = job(cj, name, scheduled, timeZone);
        plan.add(new Action.Create(JOB, created, false));
        refs.add(ref(created));
        status.set("active", refs);
        status.put("lastScheduleTime", Times.rfc3339(scheduled));
    }

    private record Missed(Instant time, long count) {}

    /**
     * The most recent scheduled time not after now and after the last one run (or the CronJob's
     * creation, or now − startingDeadlineSeconds), and how many were missed (kube's mostRecentScheduleTime).
     */
    static Missed mostRecent(JsonNode cj, CronSchedule schedule, Instant now) {
        String last = cj.path("status").path("lastScheduleTime").asText("");
        Instant earliest = Instant.parse(last.isEmpty() ? cj.path("metadata").path("creationTimestamp").asText(now.toString()) : last);
        JsonNode deadline = cj.path("spec").get("startingDeadlineSeconds");
        if (deadline != null && !deadline.isNull() && now.minusSeconds(deadline.asLong()).isAfter(earliest)) {
            earliest = now.minusSeconds(deadline.asLong());
        }
        Optional<ZonedDateTime> t1 = schedule.next(earliest.atZone(ZoneOffset.UTC));
        if (t1.isEmpty() || t1.get().toInstant().isAfter(now)) return new Missed(null, 0);
        Optional<ZonedDateTime> t2 = schedule.next(t1.get());
        if (t2.isEmpty() || t2.get().toInstant().isAfter(now)) return new Missed(t1.get().toInstant(), 1);
        long interval = Duration.between(t1.get(), t2.get()).getSeconds();
        if (interval < 1) return new Missed(t1.get().toInstant(), 1);
        long count = Duration.between(t1.get().toInstant(), now).getSeconds() / interval + 1;
        ZonedDateTime t = count > 2 ? t1.get().plusSeconds((count - 2) * interval) : t1.get();
        ZonedDateTime latest = t;
        for (Optional<ZonedDateTime> n = schedule.next(t); n.isPresent() && !n.get().toInstant().isAfter(now); n = schedule.next(n.get())) {
            latest = n.get();
        }
        return new Missed(latest.toInstant(), count);
    }

    /** The Job for a scheduled time: the template's labels, annotations and spec, the scheduled-timestamp annotation, owned by the CronJob. */
    static ObjectNode job(ObjectNode cj, String name, Instant scheduled, String timeZone) {
        JsonNode template = cj.path("spec").path("jobTemplate");
        ObjectNode job = Json.object();
        job.put("apiVersion", "batch/v1").put("kind", "Job");
        ObjectNode meta = job.putObject("metadata");
        meta.put("name", name).put("namespace", cj.path("metadata").path("namespace").asText());
        if (template.path("metadata").has("labels")) meta.set("labels", template.path("metadata").path("labels").deepCopy());
        ObjectNode annotations = template.path("metadata").has("annotations") ? (ObjectNode) template.path("metadata").path("annotations").deepCopy()
                : Json.object();
        ZonedDateTime at = timeZone.isEmpty() ? scheduled.atZone(ZoneOffset.UTC) : scheduled.atZone(java.time.ZoneId.of(timeZone));
        annotations.put(SCHEDULED, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.withNano(0)));
        meta.set("annotations", annotations);
        meta.putArray("ownerReferences").add(OwnerReference.controllerRefTo(cj));
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }

    /** Finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit, oldest first, are deleted. */
    private static void cleanHistory(ObjectNode cj, List<ObjectNode> jobs, Plan.Builder plan) {
        for (boolean success : new boolean[] {true, false}) {
            int limit = cj.path("spec").path(success ? "successfulJobsHistoryLimit" : "failedJobsHistoryLimit").asInt(success ? 3 : 1);
            List<ObjectNode> finished = jobs.stream()
                    .filter(j -> JobConditions.isTrue(j.path("status"), success ? "Complete" : "Failed"))
                    .sorted(Comparator.comparing((ObjectNode j) -> j.path("status").path("startTime").asText("\uffff"))
                            .thenComparing(j -> j.path("metadata").path("name").asText()))
                    .toList();
            for (int i = 0; i < finished.size() - limit; i++) {
                ObjectNode j = finished.get(i);
                plan.add(new Action.Delete(JOB, ControllerRefs.keyOf(j), j.path("metadata").path("uid").asText(), "Background"));
            }
        }
    }
}
