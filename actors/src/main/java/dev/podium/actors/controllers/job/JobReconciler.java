package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.actors.controllers.Action;
import dev.podium.actors.controllers.ControllerRefs;
import dev.podium.actors.controllers.Observed;
import dev.podium.actors.controllers.Plan;
import dev.podium.actors.controllers.PodTemplates;
import dev.podium.actors.controllers.Reconciler;
import dev.podium.actors.controllers.replicaset.DeletionRanking;
import dev.podium.model.json.Json;
import dev.podium.model.json.Times;
import dev.podium.model.kinds.KindRegistry;
import dev.podium.model.kinds.ResourceKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Job controller (kube's pkg/controller/job): runs pods until enough succeed (completions,
 * parallelism, NonIndexed or Indexed), fails the Job past backoffLimit, activeDeadlineSeconds or a
 * podFailurePolicy FailJob rule, backs off 10 s doubling to 6 min between failures, deletes its
 * pods while suspended, and deletes a finished Job after ttlSecondsAfterFinished. Every pod
 * carries the job-tracking finalizer: a finished pod's uid is first written to
 * status.uncountedTerminatedPods, then its finalizer is removed, then it moves into
 * succeeded/failed, so each pod is counted exactly once whatever happens to it afterwards.
 */
public final class JobReconciler implements Reconciler {
    static final ResourceKind POD = KindRegistry.get("Pod");
    public static final String TRACKING = "batch.kubernetes.io/job-tracking";
    public static final String INDEX = "batch.kubernetes.io/job-completion-index";

    @Override
    public List<ResourceKind> ownedKinds() {
        return List.of(POD);
    }

    @Override
    public Optional<String> createdMessage(ObjectNode created) {
        return Optional.of("Created pod: " + created.path("metadata").path("name").asText());
    }

    @Override
    public Optional<String> deletedMessage(ObjectNode deleted) {
        return Optional.of("Deleted pod: " + deleted.path("metadata").path("name").asText());
    }

    @Override
    public Plan reconcile(Observed observed) {
        ObjectNode job = observed.owner();
        Instant now = observed.now();
        String stamp = Times.rfc3339(now);
        Plan.Builder plan = new Plan.Builder();
        ObjectNode status = job.path("status").isObject() ? ((ObjectNode) job.path("status")).deepCopy() : Json.object();
        List<ObjectNode> pods = observed.owned(POD.entityTypeName());
        boolean suspended = job.path("spec").path("suspend").asBoolean(false);
        account(job, pods, status, suspended, plan);
        List<ObjectNode> active = pods.stream().filter(p -> !PodTemplates.terminal(p) && !p.path("metadata").has("deletionTimestamp")).toList();
        long terminating = pods.stream().filter(p -> !PodTemplates.terminal(p) && p.path("metadata").has("deletionTimestamp")).count();
        boolean settled = active.isEmpty() && terminating == 0 && uncounted(status) == 0;
        if (JobConditions.finished(status)) {
            deleteAll(active, plan);
            ttl(job, status, now, plan);
        } else if (!suspended && failing(job, status, pods, active, now, stamp, plan)) {
            deleteAll(active, plan);
            if (settled) finishFailed(job, status, stamp, plan);
        } else if (suspended) {
            deleteAll(active, plan);
            if (JobConditions.set(status, "Suspended", "True", "JobSuspended", "Job suspended", stamp)) {
                plan.add(new Action.Event(job, "Normal", "Suspended", "Job suspended"));
            }
        } else {
            if (JobConditions.isTrue(status, "Suspended")) {
                JobConditions.set(status, "Suspended", "False", "JobResumed", "Job resumed", stamp);
                status.put("startTime", stamp);
                plan.add(new Action.Event(job, "Normal", "Resumed", "Job resumed"));
            }
            if (!status.has("startTime")) status.put("startTime", stamp);
            if (succeeding(job, status, pods)) {
                JobConditions.set(status, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", stamp);
                deleteAll(active, plan);
                if (settled) {
                    JobConditions.set(status, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", stamp);
                    status.put("completionTime", stamp);
                    plan.add(new Action.Event(job, "Normal", "Completed", "Job completed"));
                    ttl(job, status, now, plan);
                }
            } else {
                run(job, status, pods, active, (int) terminating, now, observed.createsAllowed(), plan);
            }
        }
        counts(job, status, pods, active, terminating);
        if (!status.equals(job.path("status"))) plan.add(new Action.UpdateStatus(status));
        return plan.build();
    }

    /**
     * Finished pods still holding the tracking finalizer are written to uncountedTerminatedPods;
     * those already there (as the stored status shows) lose the finalizer; those without it move
     * to the counters. Failures a podFailurePolicy ignores, and pods stopped by a suspension, are
     * not counted.
     */
    private static void account(ObjectNode job, List<ObjectNode> pods, ObjectNode status, boolean suspended, Plan.Builder plan) {
        Set<String> succeeded = uids(status.path("uncountedTerminatedPods").path("succeeded"));
        Set<String> failed = uids(status.path("uncountedTerminatedPods").path("failed"));
        Set<String> stored = new LinkedHashSet<>(uids(job.path("status").path("uncountedTerminatedPods").path("succeeded")));
        stored.addAll(uids(job.path("status").path("uncountedTerminatedPods").path("failed")));
        Map<String, ObjectNode> byUid = new HashMap<>();
        for (ObjectNode pod : pods) {
            String uid = pod.path("metadata").path("uid").asText();
            byUid.put(uid, pod);
            if (!tracked(pod) || !finishedForJob(job, pod)) continue;
            boolean success = "Succeeded".equals(pod.path("status").path("phase").asText());
            boolean ignored = !success && (suspended || PodFailurePolicy.judge(job, pod).map(v -> v.action().equals("Ignore")).orElse(false));
            if (stored.contains(uid) || ignored) plan.add(untrack(pod));
            else if (success) succeeded.add(uid);
            else failed.add(uid);
        }
        int s = status.path("succeeded").asInt(0);
        int f = status.path("failed").asInt(0);
        for (String uid : List.copyOf(succeeded)) {
            if (byUid.get(uid) == null || !tracked(byUid.get(uid))) {
                succeeded.remove(uid);
                s++;
            }
        }
        for (String uid : List.copyOf(failed)) {
            if (byUid.get(uid) == null || !tracked(byUid.get(uid))) {
                failed.remove(uid);
                f++;
            }
        }
        putCount(status, "succeeded", s);
        putCount(status, "failed", f);
        ObjectNode uncounted = status.putObject("uncountedTerminatedPods");
        if (!succeeded.isEmpty()) succeeded.forEach(uncounted.putArray("succeeded")::add);
        if (!failed.isEmpty()) failed.forEach(uncounted.putArray("failed")::add);
    }

    /** Whether the Job must fail now; sets FailureTarget with kube's reason and message. */
    private static boolean failing(ObjectNode job, ObjectNode status, List<ObjectNode> pods, List<ObjectNode> active, Instant now, String stamp,
                                   Plan.Builder plan) {
        if (JobConditions.isTrue(status, "FailureTarget")) return true;
        String reason = null;
        String message = null;
        for (ObjectNode pod : pods) {
            if (!"Failed".equals(pod.path("status").path("phase").asText())) continue;
            Optional<PodFailurePolicy.Verdict> v = PodFailurePolicy.judge(job, pod);
            if (v.isPresent() && v.get().action().equals("FailJob")) {
                reason = "PodFailurePolicy";
                message = v.get().message();
            }
        }
        int backoffLimit = job.path("spec").path("backoffLimit").asInt(6);
        int failures = status.path("failed").asInt(0) + status.path("uncountedTerminatedPods").path("failed").size();
        boolean onFailure = "OnFailure".equals(job.path("spec").path("template").path("spec").path("restartPolicy").asText());
        int restarts = 0;
        for (ObjectNode pod : active) for (JsonNode c : pod.path("status").path("containerStatuses")) restarts += c.path("restartCount").asInt(0);
        if (reason == null && (failures > backoffLimit || onFailure && restarts > 0 && restarts >= Math.max(1, backoffLimit))) {
            reason = "BackoffLimitExceeded";
            message = "Job has reached the specified backoff limit";
        }
        if (reason == null && job.path("spec").has("activeDeadlineSeconds") && status.has("startTime")
                && !Instant.parse(status.path("startTime").asText()).plusSeconds(job.path("spec").path("activeDeadlineSeconds").asLong()).isAfter(now)) {
            reason = "DeadlineExceeded";
            message = "Job was active longer than specified deadline";
        }
        if (reason == null) {
            if (job.path("spec").has("activeDeadlineSeconds") && status.has("startTime")) {
                Instant deadline = Instant.parse(status.path("startTime").asText()).plusSeconds(job.path("spec").path("activeDeadlineSeconds").asLong());
                plan.requeue(Duration.between(now, deadline).plusMillis(100));
            }
            return false;
        }
        JobConditions.set(status, "FailureTarget", "True", reason, message, stamp);
        return true;
    }

    private static void finishFailed(ObjectNode job, ObjectNode status, String stamp, Plan.Builder plan) {
        JsonNode target = JobConditions.get(status, "FailureTarget").orElseThrow();
        JobConditions.set(status, "Failed", "True", target.path("reason").asText(), target.path("message").asText(), stamp);
        plan.add(new Action.Event(job, "Warning", target.path("reason").asText(), target.path("message").asText()));
    }

    /** Enough pods succeeded: completions reached (every index, for Indexed), or with no completions any success once none runs. */
    private static boolean succeeding(ObjectNode job, ObjectNode status, List<ObjectNode> pods) {
        if (JobConditions.isTrue(status, "SuccessCriteriaMet")) return true;
        int succeeded = status.path("succeeded").asInt(0) + status.path("uncountedTerminatedPods").path("succeeded").size();
        JsonNode completions = job.path("spec").get("completions");
        if (indexed(job)) return completedIndexes(status, pods).size() >= completions.asInt();
        if (completions != null && !completions.isNull()) return succeeded >= completions.asInt();
        return succeeded > 0 && pods.stream().noneMatch(PodTemplates::active);
    }

    /**
     * Creates the pods still wanted (after the failure backoff), or deletes extra ones. Pods being
     * deleted are replaced at once, unless only failed pods are (then they count until they end).
     */
    private static void run(ObjectNode job, ObjectNode status, List<ObjectNode> pods, List<ObjectNode> active, int terminating, Instant now,
                            int createsAllowed, Plan.Builder plan) {
        int waiting = onlyReplaceFailedPods(job) ? terminating : 0;
        int parallelism = job.path("spec").path("parallelism").asInt(1);
        int succeeded = status.path("succeeded").asInt(0) + status.path("uncountedTerminatedPods").path("succeeded").size();
        JsonNode completions = job.path("spec").get("completions");
        List<Integer> toCreate = new ArrayList<>();
        int extra = 0;
        if (indexed(job)) {
            SortedSet<Integer> pending = new TreeSet<>();
            for (int i = 0; i < completions.asInt(); i++) pending.add(i);
            pending.removeAll(completedIndexes(status, pods));
            for (ObjectNode pod : active) pending.remove(index(pod));
            for (int i : pending) if (toCreate.size() < parallelism - active.size() - waiting) toCreate.add(i);
        } else {
            int wanted = completions == null || completions.isNull() ? (succeeded > 0 ? 0 : parallelism)
                    : Math.min(parallelism, completions.asInt() - succeeded);
            for (int i = 0; i < wanted - active.size() - waiting; i++) toCreate.add(-1);
            extra = active.size() - wanted;
        }
        if (extra > 0) {
            for (JsonNode pod : DeletionRanking.order(active, active, now).subList(0, extra)) {
                plan.add(new Action.Delete(POD, ControllerRefs.keyOf(pod), pod.path("metadata").path("uid").asText(), ""));
            }
        }
        if (toCreate.isEmpty()) return;
        Optional<Instant> backoff = JobBackoff.until(pods, now);
        if (backoff.isPresent()) {
            plan.requeue(Duration.between(now, backoff.get()).plusMillis(100));
            return;
        }
        for (int index : toCreate.subList(0, Math.min(toCreate.size(), createsAllowed))) plan.add(new Action.Create(POD, pod(job, index), true));
    }

    /** A pod of the Job: its template, the tracking finalizer, and for an index its annotation, label, hostname and JOB_COMPLETION_INDEX. */
    static ObjectNode pod(ObjectNode job, int index) {
        String name = job.path("metadata").path("name").asText();
        ObjectNode pod = PodTemplates.pod(job, job.path("spec").path("template"), name + "-" + (index >= 0 ? index + "-" : ""), true);
        ObjectNode meta = pod.with("metadata");
        ArrayNode finalizers = meta.withArray("finalizers");
        finalizers.add(TRACKING);
        if (index < 0) return pod;
        meta.with("annotations").put(INDEX, Integer.toString(index));
        meta.with("labels").put(INDEX, Integer.toString(index));
        ObjectNode spec = pod.with("spec");
        if (!spec.has("hostname")) spec.put("hostname", name + "-" + index);
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : spec.path(list)) {
                ((ObjectNode) c).withArray("env").addObject().put("name", "JOB_COMPLETION_INDEX").putObject("valueFrom").putObject("fieldRef")
                        .put("fieldPath", "metadata.labels['" + INDEX + "']");
            }
        }
        return pod;
    }

    /** active, ready, terminating and, for Indexed Jobs, completedIndexes. */
    private static void counts(ObjectNode job, ObjectNode status, List<ObjectNode> pods, List<ObjectNode> active, long terminating) {
        putCount(status, "active", active.size());
        status.put("ready", (int) active.stream().filter(PodTemplates::ready).count());
        status.put("terminating", terminating);
        if (indexed(job)) {
            String completed = CompletedIndexes.format(completedIndexes(status, pods));
            if (completed.isEmpty()) status.remove("completedIndexes");
            else status.put("completedIndexes", completed);
        }
    }

    /** Deletes a finished Job once ttlSecondsAfterFinished has passed since it finished, or looks again then. */
    private static void ttl(ObjectNode job, ObjectNode status, Instant now, Plan.Builder plan) {
        JsonNode ttl = job.path("spec").get("ttlSecondsAfterFinished");
        if (ttl == null || ttl.isNull()) return;
        Optional<JsonNode> done = JobConditions.get(status, "Complete").filter(c -> "True".equals(c.path("status").asText()))
                .or(() -> JobConditions.get(status, "Failed").filter(c -> "True".equals(c.path("status").asText())));
        if (done.isEmpty()) return;
        Instant expires = Instant.parse(done.get().path("lastTransitionTime").asText()).plusSeconds(ttl.asLong());
        if (!expires.isAfter(now)) plan.add(new Action.DeleteOwner("Foreground"));
        else plan.requeue(Duration.between(now, expires).plusMillis(100));
    }

    private static SortedSet<Integer> completedIndexes(ObjectNode status, List<ObjectNode> pods) {
        SortedSet<Integer> done = CompletedIndexes.parse(status.path("completedIndexes").asText(""));
        for (ObjectNode pod : pods) if ("Succeeded".equals(pod.path("status").path("phase").asText()) && index(pod) >= 0) done.add(index(pod));
        return done;
    }

    private static int index(JsonNode pod) {
        String v = pod.path("metadata").path("annotations").path(INDEX).asText("");
        return v.isEmpty() ? -1 : Integer.parseInt(v);
    }

    private static boolean indexed(JsonNode job) {
        return "Indexed".equals(job.path("spec").path("completionMode").asText());
    }

    private static void deleteAll(List<ObjectNode> pods, Plan.Builder plan) {
        for (ObjectNode pod : pods) plan.add(new Action.Delete(POD, ControllerRefs.keyOf(pod), pod.path("metadata").path("uid").asText(), ""));
    }

    private static boolean tracked(JsonNode pod) {
        for (JsonNode f : pod.path("metadata").path("finalizers")) if (TRACKING.equals(f.asText())) return true;
        return false;
    }

    /**
     * Finished as far as the Job is concerned (kube's isPodFailed): Succeeded or Failed, or being
     * deleted without having succeeded, unless only failed pods are replaced: then a pod being
     * deleted counts only once its node agent has stopped it in a terminal phase, for the
     * podFailurePolicy to judge. It counts at once all the same when the Job is ending (kube's
     * canRemoveFinalizer once a finished condition is set or the Job is being deleted), and when
     * it was never scheduled: no agent will stop it (kube's pod GC marks such a pod Failed).
     */
    private static boolean finishedForJob(JsonNode job, JsonNode pod) {
        if (PodTemplates.terminal(pod)) return true;
        if (!pod.path("metadata").has("deletionTimestamp")) return false;
        return !onlyReplaceFailedPods(job) || ending(job) || pod.path("spec").path("nodeName").asText("").isEmpty();
    }

    /** Being deleted, or past the point of no return: FailureTarget or SuccessCriteriaMet, or finished. */
    private static boolean ending(JsonNode job) {
        JsonNode status = job.path("status");
        return job.path("metadata").has("deletionTimestamp") || JobConditions.isTrue(status, "FailureTarget")
                || JobConditions.isTrue(status, "SuccessCriteriaMet") || JobConditions.finished(status);
    }

    /** kube's onlyReplaceFailedPods: with a podFailurePolicy (or podReplacementPolicy Failed), a pod being deleted is waited for. */
    private static boolean onlyReplaceFailedPods(JsonNode job) {
        return job.path("spec").hasNonNull("podFailurePolicy") || "Failed".equals(job.path("spec").path("podReplacementPolicy").asText());
    }

    /** Removes the tracking finalizer from a pod whose end the Job has recorded. */
    private static Action untrack(ObjectNode pod) {
        ObjectNode patch = Json.object();
        ObjectNode meta = patch.putObject("metadata");
        meta.put("uid", pod.path("metadata").path("uid").asText());
        ArrayNode finalizers = meta.putArray("finalizers");
        pod.path("metadata").path("finalizers").forEach(f -> {
            if (!TRACKING.equals(f.asText())) finalizers.add(f);
        });
        if (finalizers.isEmpty()) meta.putNull("finalizers");
        return new Action.Patch(POD, ControllerRefs.keyOf(pod), 0, patch);
    }

    private static int uncounted(ObjectNode status) {
        return status.path("uncountedTerminatedPods").path("succeeded").size() + status.path("uncountedTerminatedPods").path("failed").size();
    }

    private static Set<String> uids(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(u -> out.add(u.asText()));
        return out;
    }

    private static void putCount(ObjectNode status, String field, int value) {
        if (value == 0) status.remove(field);
        else status.put(field, value);
    }
}
