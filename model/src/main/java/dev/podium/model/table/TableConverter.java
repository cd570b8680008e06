package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import dev.podium.model.kinds.ResourceKind;

import java.time.Instant;
import java.util.List;

/**
 * Renders objects as a meta.k8s.io/v1 Table, the document kubectl asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}.
 */
public final class TableConverter {
    public static final String INCLUDE_NONE = "None";
    public static final String INCLUDE_METADATA = "Metadata";
    public static final String INCLUDE_OBJECT = "Object";

    private TableConverter() {}

    /**
     * @param includeObject "None", "Metadata" (also for null or "") or "Object"; anything else is a 400
     * @param listResourceVersion the list's resourceVersion, or the object's for a single get; null to omit
     * @param continueToken null or "" to omit
     */
    public static ObjectNode toTable(ResourceKind kind, List<ObjectNode> objects, Instant now, boolean includeColumnDefinitions,
                                     String includeObject, String listResourceVersion, String continueToken) {
        String include = checkIncludeObject(includeObject);
        KindPrinter printer = TablePrinters.forKind(kind);
        ObjectNode table = Json.object();
        table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (listResourceVersion != null && !listResourceVersion.isEmpty()) meta.put("resourceVersion", listResourceVersion);
        if (continueToken != null && !continueToken.isEmpty()) meta.put("continue", continueToken);
        if (includeColumnDefinitions) {
            ArrayNode defs = table.putArray("columnDefinitions");
            printer.columns().forEach(c -> defs.add(c.toJson()));
        } else {
            table.putNull("columnDefinitions"); // kube's NoHeaders leaves the slice nil
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode obj : objects) rows.add(row(kind, printer, obj, now, include));
        return table;
    }

    /**
     * The Table for one object, e.g. one watch event: kube sends each event's object as a
     * one-row Table carrying that object's resourceVersion, with column definitions only on
     * the first event (the caller passes {@code includeColumnDefinitions} accordingly).
     */
    public static ObjectNode toTableRow(ResourceKind kind, ObjectNode object, Instant now, boolean includeColumnDefinitions,
                                        String includeObject) {
        String rv = Json.textAt(object, "metadata.resourceVersion");
        return toTable(kind, List.of(object), now, includeColumnDefinitions, includeObject, rv, null);
    }

    /** Normalizes includeObject, throwing a 400 for values kube does not know. */
    public static String checkIncludeObject(String includeObject) {
        if (includeObject == null || includeObject.isEmpty()) return INCLUDE_METADATA;
        return switch (includeObject) {
            case INCLUDE_NONE, INCLUDE_METADATA, INCLUDE_OBJECT -> includeObject;
            default -> throw new ApiException(ApiError.badRequest("unrecognized includeObject value: \"" + includeObject + "\""));
        };
    }

    private static ObjectNode row(ResourceKind kind, KindPrinter printer, ObjectNode obj, Instant now, String include) {
        ObjectNode row = Json.object();
        row.set("cells", printer.cells(obj, now));
        ArrayNode conditions = printer.conditions(obj);
        if (conditions != null) row.set("conditions", conditions);
        switch (include) {
            case INCLUDE_OBJECT -> row.set("object", fullObject(kind, obj));
            case INCLUDE_METADATA -> row.set("object", partialMetadata(obj));
            default -> { }
        }
        return row;
    }

    private static ObjectNode fullObject(ResourceKind kind, ObjectNode obj) {
        ObjectNode out = Json.object();
        out.put("kind", kind.kind()).put("apiVersion", kind.apiVersion());
        obj.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion")) out.set(e.getKey(), e.getValue().deepCopy());
        });
        return out;
    }

    private static ObjectNode partialMetadata(ObjectNode obj) {
        ObjectNode out = Json.object();
        out.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
        JsonNode meta = obj.get("metadata");
        out.set("metadata", meta instanceof ObjectNode m ? m.deepCopy() : Json.object());
        return out;
    }
}
