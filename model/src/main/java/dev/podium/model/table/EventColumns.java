package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * kube's core/v1 event columns: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE
 * FIRST SEEN COUNT NAME (the wide ones sit between the default ones, as kube orders them).
 */
final class EventColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.text("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            Column.text("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
            Column.text("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
            Column.text("Object", "The object that this event is about."),
            Column.wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
            Column.wide("Source", "The component reporting this event. Should be a short machine understandable string."),
            Column.text("Message", "A human-readable description of the status of this operation."),
            Column.wide("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
            Column.wide("Count", "The number of times this event has occurred."),
            new Column("Name", "string", "name", Column.NAME_DESCRIPTION, 1));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode ev, Instant now) {
        String first = HumanDuration.since(Fields.at(ev, "firstTimestamp"), now);
        if (Timestamps.parse(Fields.at(ev, "firstTimestamp")) == null) first = HumanDuration.since(Fields.at(ev, "eventTime"), now);
        String last = HumanDuration.since(Fields.at(ev, "lastTimestamp"), now);
        if (Timestamps.parse(Fields.at(ev, "lastTimestamp")) == null) last = first;
        long count = Fields.number(ev, "count");
        if (Fields.present(ev, "series")) {
            last = HumanDuration.since(Fields.at(ev, "series", "lastObservedTime"), now);
            count = Fields.number(ev, "series", "count");
        } else if (count == 0) {
            count = 1; // singleton events carry no count in the events.k8s.io API
        }
        return Json.MAPPER.createArrayNode()
                .add(last)
                .add(Fields.text(ev, "type"))
                .add(Fields.text(ev, "reason"))
                .add(target(ev))
                .add(Fields.text(ev, "involvedObject", "fieldPath"))
                .add(source(ev))
                .add(Fields.text(ev, "message").strip())
                .add(first)
                .add(count)
                .add(Fields.text(ev, "metadata", "name"));
    }

    static String target(JsonNode ev) {
        String kind = Fields.text(ev, "involvedObject", "kind").toLowerCase();
        String name = Fields.text(ev, "involvedObject", "name");
        return name.isEmpty() ? kind : kind + "/" + name;
    }

    private static String source(JsonNode ev) {
        String component = firstNonEmpty(Fields.text(ev, "source", "component"), Fields.text(ev, "reportingComponent"));
        String instance = firstNonEmpty(Fields.text(ev, "source", "host"), Fields.text(ev, "reportingInstance"));
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
