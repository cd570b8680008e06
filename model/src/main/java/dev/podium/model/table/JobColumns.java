package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
final class JobColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Status", "Status of the job."),
            Column.text("Completions", "The number of pods which reached phase Succeeded."),
            Column.text("Duration", "Time required to complete the job."),
            Column.ageColumn(),
            WorkloadCells.containersColumn(),
            WorkloadCells.imagesColumn(),
            WorkloadCells.selectorColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode job, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(job, "metadata", "name"))
                .add(status(job))
                .add(completions(job))
                .add(duration(job, now))
                .add(HumanDuration.since(Fields.at(job, "metadata", "creationTimestamp"), now))
                .add(WorkloadCells.containers(Fields.at(job, "spec", "template")))
                .add(WorkloadCells.images(Fields.at(job, "spec", "template")))
                .add(LabelCells.selector(Fields.at(job, "spec", "selector")));
    }

    /** The first that holds: Complete, Failed, Terminating, Suspended, FailureTarget, else Running. */
    static String status(JsonNode job) {
        if (hasCondition(job, "Complete")) return "Complete";
        if (hasCondition(job, "Failed")) return "Failed";
        if (Timestamps.parse(Fields.at(job, "metadata", "deletionTimestamp")) != null) return "Terminating";
        if (hasCondition(job, "Suspended")) return "Suspended";
        if (hasCondition(job, "FailureTarget")) return "FailureTarget";
        return "Running";
    }

    /** "succeeded/completions", or for work queues "succeeded/1", with " of parallelism" when it exceeds 1. */
    static String completions(JsonNode job) {
        long succeeded = Fields.number(job, "status", "succeeded");
        JsonNode completions = Fields.at(job, "spec", "completions");
        if (completions.isNumber()) return succeeded + "/" + completions.asLong();
        long parallelism = Fields.number(job, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    /** Empty before the job starts; the time it ran until completion, or so far. */
    static String duration(JsonNode job, Instant now) {
        Instant start = Timestamps.parse(Fields.at(job, "status", "startTime"));
        if (start == null) return "";
        Instant completion = Timestamps.parse(Fields.at(job, "status", "completionTime"));
        return HumanDuration.format(Duration.between(start, completion == null ? now : completion));
    }

    private static boolean hasCondition(JsonNode job, String type) {
        for (JsonNode c : Fields.list(job, "status", "conditions")) {
            if (type.equals(Fields.text(c, "type")) && "True".equals(Fields.text(c, "status"))) return true;
        }
        return false;
    }
}
