package dev.podium.model.kinds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.Cause;
import dev.podium.model.kinds.KindRules;
import dev.podium.model.validation.Causes;
import dev.podium.model.validation.GoValues;
import dev.podium.model.validation.JsonCompare;
import dev.podium.model.validation.Nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * batch/v1 CronJob: kube's SetDefaults_CronJob and validateCronJobSpec. Some rules depend on
 * whether this is a create: the name limit, TZ in the schedule, and the time zone (checked on
 * update only when it changes).
 */
public final class CronJobRules implements KindRules {
    /** The controller names jobs {@code <cronjob>-<minutes since epoch>}: 11 characters on a 63-character name. */
    static final int MAX_NAME_LENGTH = 52;
    static final List<String> CONCURRENCY_POLICIES = List.of("Allow", "Forbid", "Replace");
    private static final Pattern TIME_ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

    @Override
    public void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Nodes.child(obj, "spec");
        Nodes.putIfAbsent(spec, "concurrencyPolicy", "Allow");
        Nodes.putIfAbsent(spec, "suspend", false);
        Nodes.putIfAbsent(spec, "successfulJobsHistoryLimit", 3L);
        Nodes.putIfAbsent(spec, "failedJobsHistoryLimit", 1L);
        // The job template gets no Job defaults (those come when the Job is created), only its pod template's.
        Workloads.defaultTemplate(Nodes.child(Nodes.child(spec, "jobTemplate"), "spec"));
    }

    @Override
    public List<Cause> validate(ObjectNode obj) {
        JsonNode spec = Nodes.obj(obj, "spec");
        List<Cause> errs = new ArrayList<>();
        String schedule = Nodes.str(spec, "schedule");
        if (schedule.isEmpty()) errs.add(Cause.required("spec.schedule"));
        else if (CronSchedule.parse(schedule) instanceof CronSchedule.Unparseable u) errs.add(Cause.invalid("spec.schedule", schedule, u.error()));
        Workloads.nonNegative(spec, "startingDeadlineSeconds", "spec.startingDeadlineSeconds", errs);
        String policy = Nodes.str(spec, "concurrencyPolicy");
        if (policy.isEmpty()) errs.add(Cause.required("spec.concurrencyPolicy"));
        else if (!CONCURRENCY_POLICIES.contains(policy)) errs.add(Cause.notSupported("spec.concurrencyPolicy", policy, CONCURRENCY_POLICIES));
        errs.addAll(jobTemplate(Nodes.obj(Nodes.obj(spec, "jobTemplate"), "spec")));
        Workloads.nonNegative(spec, "successfulJobsHistoryLimit", "spec.successfulJobsHistoryLimit", errs);
        Workloads.nonNegative(spec, "failedJobsHistoryLimit", "spec.failedJobsHistoryLimit", errs);
        return errs;
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj) {
        List<Cause> errs = new ArrayList<>();
        String name = Nodes.str(obj.get("metadata"), "name");
        if (name.length() > MAX_NAME_LENGTH) errs.add(Cause.invalid("metadata.name", name, "must be no more than " + MAX_NAME_LENGTH + " characters"));
        JsonNode spec = Nodes.obj(obj, "spec");
        String schedule = Nodes.str(spec, "schedule");
        if (schedule.contains("TZ")) errs.add(Cause.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        errs.addAll(timeZone(spec));
        return errs;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode oldObj, ObjectNode newObj) {
        List<Cause> errs = new ArrayList<>();
        JsonNode oldSpec = Nodes.obj(oldObj, "spec");
        JsonNode spec = Nodes.obj(newObj, "spec");
        String schedule = Nodes.str(spec, "schedule");
        boolean tzAllowed = Nodes.str(oldSpec, "schedule").contains("TZ");
        if (tzAllowed && schedule.contains("TZ") && hasTimeZone(spec)) {
            errs.add(Cause.invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        } else if (!tzAllowed && schedule.contains("TZ")) {
            errs.add(Cause.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        if (!JsonCompare.semanticEquals(oldSpec == null ? null : oldSpec.get("timeZone"), spec == null ? null : spec.get("timeZone"))) {
            errs.addAll(timeZone(spec));
        }
        return errs;
    }

    /** kube's ValidateJobTemplateSpec: a job spec whose selector is left to be generated. */
    private static List<Cause> jobTemplate(JsonNode jobSpec) {
        String path = "spec.jobTemplate.spec";
        List<Cause> errs = new ArrayList<>(JobSpecValidation.validate(jobSpec, path));
        ObjectNode selector = Nodes.obj(jobSpec, "selector");
        if (selector != null) errs.add(Causes.invalidRendered(path + ".selector", GoValues.labelSelector(selector), "`selector` will be auto-generated"));
        if (Nodes.bool(jobSpec, "manualSelector")) errs.add(Cause.notSupported(path + ".manualSelector", true, List.of("nil", "false")));
        return errs;
    }

    /** kube's validateTimeZone: an IANA name, as Go's time.LoadLocation reads it. */
    static List<Cause> timeZone(JsonNode spec) {
        if (!hasTimeZone(spec)) return List.of();
        String path = "spec.timeZone";
        String tz = spec.get("timeZone").asText();
        if (tz.isEmpty()) return List.of(Cause.invalid(path, tz, "timeZone must be nil or non-empty string"));
        for (String part : tz.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TIME_ZONE_PART.matcher(part).matches()) {
                return List.of(Cause.invalid(path, tz, CronSchedule.unknownTimeZone(tz)));
            }
        }
        List<Cause> errs = new ArrayList<>();
        if (tz.equalsIgnoreCase("Local")) {
            errs.add(Cause.invalid(path, tz, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        if (CronSchedule.loadLocation(tz).isEmpty()) errs.add(Cause.invalid(path, tz, CronSchedule.unknownTimeZone(tz)));
        return errs;
    }

    private static boolean hasTimeZone(JsonNode spec) {
        JsonNode tz = spec == null ? null : spec.get("timeZone");
        return tz != null && !tz.isNull();
    }
}
