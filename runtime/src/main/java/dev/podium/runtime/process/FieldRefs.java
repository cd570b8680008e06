package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.PodContext;
import io.fabric8.kubernetes.api.model.Quantity;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The downward API: fieldRef and resourceFieldRef values, shared by env and downwardAPI volumes. */
final class FieldRefs {
    private static final Pattern MAP_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private FieldRefs() {}

    static String field(ObjectNode pod, PodContext ctx, String path) throws PodConfigException {
        Matcher m = MAP_KEY.matcher(path);
        if (m.matches()) {
            JsonNode v = pod.path("metadata").path(m.group(1)).get(m.group(2));
            return v == null ? "" : v.asText();
        }
        return switch (path) {
            case "metadata.name", "metadata.namespace", "metadata.uid", "spec.serviceAccountName" -> orEmpty(Json.textAt(pod, path));
            case "spec.nodeName" -> ctx.nodeName();
            case "status.podIP", "status.hostIP", "status.podIPs", "status.hostIPs" -> ctx.hostIP();
            case "metadata.labels" -> mapFile(pod.path("metadata").path("labels"));
            case "metadata.annotations" -> mapFile(pod.path("metadata").path("annotations"));
            default -> throw new PodConfigException("CreateContainerConfigError", "unsupported fieldPath: " + path, false);
        };
    }

    /** The labels/annotations file format of downwardAPI volumes: key="value" lines, sorted by key. */
    static String mapFile(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            var e = it.next();
            sorted.put(e.getKey(), e.getValue().asText());
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"\n"));
        return sb.toString();
    }

    /** resourceFieldRef: limits.cpu, requests.memory, ... rounded up in units of the divisor (default 1). */
    static String resource(ObjectNode pod, String containerName, JsonNode ref) throws PodConfigException {
        String resource = ref.path("resource").asText();
        String cname = ref.path("containerName").asText(containerName);
        JsonNode container = null;
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : pod.path("spec").path(list)) if (c.path("name").asText().equals(cname)) container = c;
        }
        if (container == null) throw new PodConfigException("CreateContainerConfigError", "resourceFieldRef: no container named " + cname, false);
        String[] parts = resource.split("\\.", 2);
        if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests")))
            throw new PodConfigException("CreateContainerConfigError", "unsupported container resource: " + resource, false);
        JsonNode q = container.path("resources").path(parts[0]).get(parts[1]);
        BigDecimal value;
        if (q != null && !q.isNull()) value = amount(q.asText());
        else if (parts[0].equals("limits")) value = nodeAllocatable(parts[1]);
        else value = BigDecimal.ZERO;
        JsonNode d = ref.get("divisor");
        BigDecimal divisor = d == null || d.isNull() || d.asText().isEmpty() ? BigDecimal.ONE : amount(d.asText());
        if (divisor.signum() == 0) divisor = BigDecimal.ONE;
        return value.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    private static BigDecimal amount(String q) throws PodConfigException {
        try {
            return Quantity.getAmountInBytes(new Quantity(q));
        } catch (RuntimeException e) {
            throw new PodConfigException("CreateContainerConfigError", "invalid quantity " + q, false);
        }
    }

    private static BigDecimal nodeAllocatable(String resource) {
        if (resource.equals("cpu")) return BigDecimal.valueOf(Runtime.getRuntime().availableProcessors());
        if (resource.equals("memory") && ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
            return BigDecimal.valueOf(os.getTotalMemorySize());
        return BigDecimal.ZERO;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
