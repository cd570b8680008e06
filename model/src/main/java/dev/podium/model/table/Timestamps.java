package dev.podium.model.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads RFC 3339 Time and MicroTime values; null stands for Go's zero time. */
final class Timestamps {
    private Timestamps() {}

    static Instant parse(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) return null;
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant later(Instant current, Instant candidate) {
        if (candidate == null) return current;
        return current == null || current.isBefore(candidate) ? candidate : current;
    }
}
