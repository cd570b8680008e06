package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.flowcontrol.FlowControlDefaults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow schemas and priority levels in force: the stored objects, with the bootstrap ones for
 * any that are missing (kube's configuration producer re-creates those within a minute) and the
 * bootstrap spec for the mandatory {@code exempt} and {@code catch-all} (kube overwrites edits to them).
 */
final class FlowControlConfig {
    private final List<JsonNode> schemas;
    private final Map<String, LevelSpec> levels = new LinkedHashMap<>();
    private final Map<String, LevelLimits> limits = new LinkedHashMap<>();

    private FlowControlConfig(List<JsonNode> schemas, List<LevelSpec> levels, int serverLimit) {
        this.schemas = schemas;
        int totalShares = 0;
        for (LevelSpec l : levels) {
            this.levels.put(l.name(), l);
            totalShares += l.shares();
        }
        for (LevelSpec l : levels) limits.put(l.name(), LevelLimits.of(l, serverLimit, totalShares));
    }

    static FlowControlConfig of(List<ObjectNode> storedSchemas, List<ObjectNode> storedLevels, int serverLimit) {
        List<LevelSpec> levels = new ArrayList<>();
        for (JsonNode l : effective(storedLevels, FlowControlDefaults.priorityLevels())) levels.add(LevelSpec.of(l));
        List<String> levelNames = levels.stream().map(LevelSpec::name).toList();
        List<JsonNode> schemas = new ArrayList<>();
        for (JsonNode s : effective(storedSchemas, FlowControlDefaults.flowSchemas())) {
            // a dangling schema (its level does not exist) matches nothing, as in kube
            if (levelNames.contains(s.path("spec").path("priorityLevelConfiguration").path("name").asText())) schemas.add(s);
        }
        schemas.sort(Comparator.<JsonNode>comparingLong(s -> s.path("spec").path("matchingPrecedence").asLong(1000))
                .thenComparing(s -> s.path("metadata").path("name").asText()));
        return new FlowControlConfig(schemas, levels, serverLimit);
    }

    private static List<JsonNode> effective(List<ObjectNode> stored, List<ObjectNode> bootstrap) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (ObjectNode o : stored) byName.put(o.path("metadata").path("name").asText(), o);
        for (ObjectNode b : bootstrap) {
            String name = b.path("metadata").path("name").asText();
            JsonNode s = byName.get(name);
            if (s == null) {
                byName.put(name, b);
            } else if (FlowControlDefaults.MANDATORY.contains(name)) {
                ObjectNode mandatory = b.deepCopy();
                ((ObjectNode) mandatory.path("metadata")).put("uid", s.path("metadata").path("uid").asText(""));
                byName.put(name, mandatory);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The first schema by precedence (then name) that matches; catch-all if none does. */
    Classified classify(RequestAttributes request) {
        for (JsonNode s : schemas) {
            if (FlowSchemaMatching.matches(s, request)) return classified(s, request);
        }
        JsonNode catchAll = schemas.stream().filter(s -> s.path("metadata").path("name").asText().equals("catch-all")).findFirst().orElseThrow();
        return classified(catchAll, request);
    }

    private Classified classified(JsonNode schema, RequestAttributes request) {
        String name = schema.path("metadata").path("name").asText();
        String distinguisher = switch (schema.path("spec").path("distinguisherMethod").path("type").asText("")) {
            case "ByUser" -> request.subject().user();
            case "ByNamespace" -> request.namespace();
            default -> "";
        };
        LevelSpec level = levels.get(schema.path("spec").path("priorityLevelConfiguration").path("name").asText());
        return new Classified(name, schema.path("metadata").path("uid").asText(""), level, name + "\u0000" + distinguisher);
    }

    Map<String, LevelSpec> levels() {
        return levels;
    }

    LevelLimits limits(String level) {
        return limits.get(level);
    }
}
