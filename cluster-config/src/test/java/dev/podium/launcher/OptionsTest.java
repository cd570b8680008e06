package dev.podium.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {
    private static final Set<String> KNOWN = Set.of("--seed", "--port", "--data");

    @Test
    void repeatedAndCommaSeparatedValuesAreAllKeptLastSingleValueWins() {
        Options o = Options.parse(List.of("3", "--seed", "a:1,b:2", "--seed", "c:3", "--port", "1", "--port", "2"), KNOWN);
        assertThat(o.all("--seed")).containsExactly("a:1", "b:2", "c:3");
        assertThat(o.integer("--port", 0, 1, 65535)).isEqualTo(2);
        assertThat(o.positional()).containsExactly("3");
        assertThat(o.get("--data", "data")).isEqualTo("data");
    }

    @Test
    void unknownOptionsMissingValuesAndOutOfRangeNumbersAreErrorsNamingTheOption() {
        assertThatThrownBy(() -> Options.parse(List.of("--bogus", "1"), KNOWN)).hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> Options.parse(List.of("--port"), KNOWN)).hasMessage("option --port needs a value");
        Options o = Options.parse(List.of("--port", "99999"), KNOWN);
        assertThatThrownBy(() -> o.integer("--port", 0, 1, 65535)).hasMessage("--port expects a number from 1 to 65535, got '99999'");
    }
}
