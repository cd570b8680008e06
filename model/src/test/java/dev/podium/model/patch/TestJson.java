package dev.podium.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.api.ApiError;
import dev.podium.model.api.ApiException;
import dev.podium.model.json.Json;
import org.assertj.core.api.ThrowableAssert;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** JSON literals for tests, written with single quotes to stay readable inside Java strings. */
final class TestJson {
    private TestJson() {}

    static JsonNode json(String singleQuoted) {
        return Json.parse(singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8), false);
    }

    static ObjectNode obj(String singleQuoted) {
        return (ObjectNode) json(singleQuoted);
    }

    static ApiError error(ThrowableAssert.ThrowingCallable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("an ApiException").isNotNull();
        return e.error();
    }

    /** Fails when any object key anywhere in the tree starts with '$'. */
    static void assertNoDirectives(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThat(e.getKey()).as("directive key left in result").doesNotStartWith("$");
                assertNoDirectives(e.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(TestJson::assertNoDirectives);
        }
    }
}
