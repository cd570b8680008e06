package dev.podium.http.flowcontrol;

/** The flow schema a request matched, its priority level and its flow (schema and distinguisher). */
public record Classified(String schema, String schemaUid, LevelSpec level, String flow) {
    public String levelName() {
        return level.name();
    }

    public String levelUid() {
        return level.uid();
    }
}
