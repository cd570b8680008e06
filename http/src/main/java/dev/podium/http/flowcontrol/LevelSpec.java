package dev.podium.http.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;

/** A PriorityLevelConfiguration as admission uses it. */
record LevelSpec(String name, String uid, boolean exempt, int shares, int lendablePercent, Integer borrowingLimitPercent,
                 boolean reject, int queues, int handSize, int queueLengthLimit) {
    static LevelSpec of(JsonNode level) {
        JsonNode spec = level.path("spec");
        String name = level.path("metadata").path("name").asText();
        String uid = level.path("metadata").path("uid").asText("");
        if ("Exempt".equals(spec.path("type").asText())) {
            JsonNode exempt = spec.path("exempt");
            return new LevelSpec(name, uid, true, exempt.path("nominalConcurrencyShares").asInt(0), exempt.path("lendablePercent").asInt(0),
                    null, false, 0, 0, 0);
        }
        JsonNode limited = spec.path("limited");
        JsonNode response = limited.path("limitResponse");
        JsonNode queuing = response.path("queuing");
        Integer borrowing = limited.path("borrowingLimitPercent").isNumber() ? limited.path("borrowingLimitPercent").asInt() : null;
        return new LevelSpec(name, uid, false, limited.path("nominalConcurrencyShares").asInt(30), limited.path("lendablePercent").asInt(0),
                borrowing, !"Queue".equals(response.path("type").asText()), queuing.path("queues").asInt(64),
                queuing.path("handSize").asInt(8), queuing.path("queueLengthLimit").asInt(50));
    }
}
