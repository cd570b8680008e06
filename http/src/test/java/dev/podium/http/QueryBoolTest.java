package dev.podium.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QueryBoolTest {
    @ParameterizedTest
    @ValueSource(strings = {"true", "True", "TRUE", "tRuE", "1", "t", "T", "", "yes", "2", "f", "F", "no", "anything"})
    void everyValueButZeroAndFalseIsTrue(String value) {
        assertThat(QueryBool.parse(value)).isTrue();
        assertThat(QueryBool.parseOptional(value)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "FALSE", "fAlSe", "0"})
    void zeroAndFalseInAnyCaseAreFalse(String value) {
        assertThat(QueryBool.parse(value)).isFalse();
        assertThat(QueryBool.parseOptional(value)).contains(false);
    }

    @Test
    void anAbsentParameterIsFalseOrUnset() {
        assertThat(QueryBool.parse(null)).isFalse();
        assertThat(QueryBool.parseOptional(null)).isEqualTo(Optional.empty());
    }
}
