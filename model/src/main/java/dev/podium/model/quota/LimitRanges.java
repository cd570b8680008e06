package dev.podium.model.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.validation.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * kube's LimitRanger for pods, as pure functions: a Container limit of a LimitRange fills in
 * missing limits ({@code default}) and requests ({@code defaultRequest}, else the limit), noted in
 * the {@code kubernetes.io/limit-ranger} annotation; then each container's requests and limits
 * must lie within {@code min} and {@code max}.
 */
public final class LimitRanges {
    public static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private LimitRanges() {}

    /** Fills in defaults from every Container limit of {@code range} in place. */
    public static void applyDefaults(JsonNode range, ObjectNode pod) {
        List<String> notes = new ArrayList<>();
        for (JsonNode limit : range.path("spec").path("limits")) {
            if (!limit.path("type").asText().equals("Container")) continue;
            for (String list : new String[] {"initContainers", "containers"}) {
                for (JsonNode c : pod.path("spec").path(list)) {
                    ObjectNode resources = ((ObjectNode) c).with("resources");
                    TreeSet<String> setRequests = new TreeSet<>();
                    TreeSet<String> setLimits = new TreeSet<>();
                    limit.path("default").fields().forEachRemaining(e -> {
                        if (!resources.path("limits").has(e.getKey())) {
                            resources.with("limits").set(e.getKey(), e.getValue().deepCopy());
                            setLimits.add(e.getKey());
                        }
                    });
                    TreeSet<String> named = new TreeSet<>();
                    limit.path("defaultRequest").fieldNames().forEachRemaining(named::add);
                    resources.path("limits").fieldNames().forEachRemaining(named::add);
                    for (String r : named) {
                        if (resources.path("requests").has(r)) continue;
                        JsonNode value = limit.path("defaultRequest").has(r) ? limit.path("defaultRequest").get(r) : resources.path("limits").get(r);
                        resources.with("requests").set(r, value.deepCopy());
                        setRequests.add(r);
                    }
                    String name = c.path("name").asText();
                    if (!setRequests.isEmpty()) notes.add(String.join(", ", setRequests) + " request for " + kind(list) + " " + name);
                    if (!setLimits.isEmpty()) notes.add(String.join(", ", setLimits) + " limit for " + kind(list) + " " + name);
                }
            }
        }
        if (!notes.isEmpty()) {
            pod.with("metadata").with("annotations").put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
        }
    }

    /** The first violation of a Container min or max, in kube's words. */
    public static Optional<String> violation(JsonNode range, JsonNode pod) {
        for (JsonNode limit : range.path("spec").path("limits")) {
            if (!limit.path("type").asText().equals("Container")) continue;
            for (String list : new String[] {"initContainers", "containers"}) {
                for (JsonNode c : pod.path("spec").path(list)) {
                    for (var it = limit.path("max").fields(); it.hasNext(); ) {
                        var e = it.next();
                        BigDecimal max = Quantities.parse(e.getValue());
                        BigDecimal lim = Quantities.parse(c.path("resources").path("limits").path(e.getKey()));
                        if (max == null) continue;
                        if (lim == null) return Optional.of("maximum " + e.getKey() + " usage per Container is " + e.getValue().asText() + ".  No limit is specified");
                        if (lim.compareTo(max) > 0) {
                            return Optional.of("maximum " + e.getKey() + " usage per Container is " + e.getValue().asText() + ", but limit is "
                                    + c.path("resources").path("limits").path(e.getKey()).asText());
                        }
                    }
                    for (var it = limit.path("min").fields(); it.hasNext(); ) {
                        var e = it.next();
                        BigDecimal min = Quantities.parse(e.getValue());
                        BigDecimal req = Quantities.parse(c.path("resources").path("requests").path(e.getKey()));
                        if (min == null) continue;
                        if (req == null) return Optional.of("minimum " + e.getKey() + " usage per Container is " + e.getValue().asText() + ".  No request is specified");
                        if (req.compareTo(min) < 0) {
                            return Optional.of("minimum " + e.getKey() + " usage per Container is " + e.getValue().asText() + ", but request is "
                                    + c.path("resources").path("requests").path(e.getKey()).asText());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String kind(String list) {
        return list.equals("initContainers") ? "init container" : "container";
    }
}
