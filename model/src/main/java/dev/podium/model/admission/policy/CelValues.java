package dev.podium.model.admission.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as cel-java evaluates it (objects as string-keyed maps, arrays as lists, integers as Long, null as CEL's
 * null), and cel-java's evaluation errors in cel-go's words, which kube prints.
 */
final class CelValues {
    private static final Pattern LOCATION = Pattern.compile("^evaluation error(?: at [^:]*:\\d+)?: ");
    private static final Pattern MISSING_KEY = Pattern.compile("key '(.*)' is not present in map\\.?");

    private CelValues() {}

    static Object of(JsonNode node) {
        if (node == null) return NullValue.NULL_VALUE;
        return switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
            case NULL, MISSING -> NullValue.NULL_VALUE;
            case BINARY, POJO -> node.asText();
        };
    }

    static String errorText(CelEvaluationException e) {
        String message = LOCATION.matcher(String.valueOf(e.getMessage())).replaceFirst("");
        switch (e.getErrorCode()) {
            case ATTRIBUTE_NOT_FOUND -> {
                Matcher m = MISSING_KEY.matcher(message);
                if (m.matches()) return "no such key: " + m.group(1);
            }
            case OVERLOAD_NOT_FOUND -> { return "no such overload"; }
            case DIVIDE_BY_ZERO -> { return message.contains("modulus") ? "modulus by zero" : "division by zero"; }
            default -> { }
        }
        return message;
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), of(e.getValue())));
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> array(JsonNode node) {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(of(item)));
        return Collections.unmodifiableList(list);
    }
}
