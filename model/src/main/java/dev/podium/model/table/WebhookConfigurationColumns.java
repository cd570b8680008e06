package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

import java.time.Instant;
import java.util.List;

/** NAME WEBHOOKS AGE, for both kinds of webhook configuration. */
final class WebhookConfigurationColumns implements KindPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.nameColumn(),
            Column.integer("Webhooks", "Webhooks indicates the number of webhooks registered in this configuration"),
            Column.ageColumn());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public ArrayNode cells(ObjectNode config, Instant now) {
        return Json.MAPPER.createArrayNode()
                .add(Fields.text(config, "metadata", "name"))
                .add((long) config.path("webhooks").size())
                .add(HumanDuration.since(Fields.at(config, "metadata", "creationTimestamp"), now));
    }
}
