package dev.podium.model.json;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MicroTimesTest {
    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T10:00:00.123456Z", "2026-01-01T10:00:00.000000Z", "2026-01-01T10:00:00.123456+01:00",
            "2026-01-01T10:00:00.123456-05:30", "2024-02-29T23:59:59.999999Z", "2026-01-01T10:00:00,123456Z"})
    void whatGoReadsAsRfc3339MicroIsAccepted(String value) {
        assertThat(MicroTimes.error(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "2026-01-01T10:00:00Z              | cannot parse \"Z\" as \".000000\"",
            "2026-01-01T10:00:00.123Z          | cannot parse \".123Z\" as \".000000\"",
            "2026-01-01T10:00:00.1234567Z      | cannot parse \"7Z\" as \"Z07:00\"",
            "x                                 | cannot parse \"x\" as \"2006\"",
            "2026-01-01 10:00:00.000000Z       | cannot parse \" 10:00:00.000000Z\" as \"T\"",
            "2026-1-01T10:00:00.000000Z        | cannot parse \"1-01T10:00:00.000000Z\" as \"01\"",
            "2026-01-01T10:00:00.123456        | cannot parse \"\" as \"Z07:00\"",
            "2026-01-01T10:00:00.123456+0100   | cannot parse \"+0100\" as \"Z07:00\"",
    })
    void otherTextsGetGosParseError(String value, String cannotParse) {
        assertThat(MicroTimes.error(value)).contains("parsing time \"" + value + "\" as \"2006-01-02T15:04:05.000000Z07:00\": " + cannotParse);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-13-01T10:00:00.000000Z        | : month out of range",
            "2026-02-29T10:00:00.000000Z        | : day out of range",
            "2026-01-01T24:00:00.000000Z        | : hour out of range",
            "2026-01-01T10:60:00.000000Z        | : minute out of range",
            "2026-01-01T10:00:00.123456Zjunk    | : extra text: \"junk\"",
    })
    void valuesOutOfRangeGetGosMessage(String value, String message) {
        assertThat(MicroTimes.error(value)).contains("parsing time \"" + value + "\"" + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T10:00:00Z", "2026-01-01T10:00:00.100Z", "2026-01-01T10:00:00.123456789Z"})
    void podiumWritesMicroTimesWithSixDigitsAlways(String instant) {
        String written = Times.rfc3339Micro(Instant.parse(instant));
        assertThat(written).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(MicroTimes.error(written)).isEmpty();
    }
}
