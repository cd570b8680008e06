package dev.podium.model.patch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PatchTypeTest {

    static Stream<Arguments> contentTypes() {
        return Stream.of(
                arguments("application/json-patch+json", PatchType.JSON_PATCH),
                arguments("application/merge-patch+json", PatchType.MERGE_PATCH),
                arguments("application/strategic-merge-patch+json", PatchType.STRATEGIC_MERGE_PATCH),
                arguments("application/apply-patch+yaml", PatchType.APPLY_PATCH),
                arguments("application/apply-patch+json", PatchType.APPLY_PATCH),
                arguments("application/merge-patch+json; charset=utf-8", PatchType.MERGE_PATCH),
                arguments(" Application/JSON-Patch+JSON ;charset=UTF-8", PatchType.JSON_PATCH),
                arguments("application/json", null),
                arguments("", null),
                arguments(null, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("contentTypes")
    void mapsContentType(String contentType, PatchType expected) {
        assertThat(PatchType.fromContentType(contentType).orElse(null)).isEqualTo(expected);
    }
}
