package dev.podium.model.table;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HumanDurationTest {
    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            // the cases of apimachinery's duration_test.go
            "1, 1s",
            "70, 70s",
            "190, 3m10s",
            "4200, 70m",
            "169200, 47h",
            "176400, 2d1h",
            "698400, 8d",
            "31708800, 367d",
            "63162000, 2y1d",
            "252288000, 8y",
            "252295200, 8y",
            // boundaries
            "0, 0s",
            "119, 119s",
            "120, 2m",
            "599, 9m59s",
            "600, 10m",
            "10799, 179m",
            "10800, 3h",
            "11100, 3h5m",
            "28799, 7h59m",
            "28800, 8h",
            "172799, 47h",
            "172800, 2d",
            "691199, 7d23h",
            "691200, 8d",
            "63072000, 2y",
            "-1, 0s",
            "-2, <invalid>",
    })
    void formatsLikeKube(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void truncatesTowardZeroLikeGo() {
        assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofMillis(1999))).isEqualTo("1s");
    }

    @Test
    void sinceATimestamp() {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        assertThat(HumanDuration.since(TextNode.valueOf("2024-05-01T11:55:00Z"), now)).isEqualTo("5m");
        assertThat(HumanDuration.since(TextNode.valueOf("2024-05-01T11:59:59.500000Z"), now)).isEqualTo("0s");
        assertThat(HumanDuration.since(TextNode.valueOf("2024-05-01T13:00:00+01:00"), now)).isEqualTo("0s");
        assertThat(HumanDuration.since(null, now)).isEqualTo("<unknown>");
        assertThat(HumanDuration.since(TextNode.valueOf(""), now)).isEqualTo("<unknown>");
    }
}
