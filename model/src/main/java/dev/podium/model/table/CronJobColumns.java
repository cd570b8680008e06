package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR. */
final class CronJobColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.text("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
            Column.text("Timezone", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
            new Column("Suspend", "boolean", "", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.", 0),
            Column.integer("Active", "A list of pointers to currently running jobs."),
            Column.text("Last Schedule", "Information when was the last time the job was successfully scheduled."),
            Column.ageColumn(),
            WorkloadCells.containersColumn(),
            WorkloadCells.imagesColumn(),
            WorkloadCells.selectorColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode cj, Instant now) {
        JsonNode jobTemplate = Fields.at(cj, "spec", "jobTemplate", "spec");
        JsonNode timeZone = Fields.at(cj, "spec", "timeZone");
        JsonNode suspend = Fields.at(cj, "spec", "suspend");
        JsonNode lastSchedule = Fields.at(cj, "status", "lastScheduleTime");
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(cj, "metadata", "name"))
                .add(Fields.text(cj, "spec", "schedule"))
                .add(timeZone.isTextual() ? timeZone.asText() : "<none>")
                .add(suspend.isBoolean() ? (suspend.asBoolean() ? "True" : "False") : "<unset>")
                .add((long) Fields.size(cj, "status", "active"))
                .add(Timestamps.parse(lastSchedule) == null ? "<none>" : HumanDuration.since(lastSchedule, now))
                .add(HumanDuration.since(Fields.at(cj, "metadata", "creationTimestamp"), now))
                .add(WorkloadCells.containers(Fields.at(jobTemplate, "template")))
                .add(WorkloadCells.images(Fields.at(jobTemplate, "template")))
                .add(LabelCells.selector(Fields.at(jobTemplate, "selector")));
    }
}
