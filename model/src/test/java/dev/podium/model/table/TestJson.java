package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;

/** Objects written with single quotes for readability. */
final class TestJson {
    private TestJson() {}

    static ObjectNode obj(String singleQuoted) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
