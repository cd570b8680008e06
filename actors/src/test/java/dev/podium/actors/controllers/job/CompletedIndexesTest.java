package dev.podium.actors.controllers.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CompletedIndexesTest {

    static Stream<Arguments> canonical() {
        return Stream.of(
                Arguments.of("", List.of()),
                Arguments.of("0", List.of(0)),
                Arguments.of("0-1", List.of(0, 1)),
                Arguments.of("0-2", List.of(0, 1, 2)),
                Arguments.of("1,3-5,7", List.of(1, 3, 4, 5, 7)),
                Arguments.of("0,2,4", List.of(0, 2, 4)),
                Arguments.of("3-4,10-12", List.of(3, 4, 10, 11, 12)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("canonical")
    void parsesIntervals(String text, List<Integer> indexes) {
        assertThat(CompletedIndexes.parse(text)).containsExactlyElementsOf(indexes);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("canonical")
    void formatsSortedIndexesAsIntervals(String text, List<Integer> indexes) {
        assertThat(CompletedIndexes.format(new TreeSet<>(indexes))).isEqualTo(text);
    }

    static Stream<Arguments> nonCanonical() {
        return Stream.of(
                Arguments.of("0,1,2", "0-2"),
                Arguments.of("5,1-3", "1-3,5"),
                Arguments.of("1-3,2-4", "1-4"),
                Arguments.of(" 1 , 3 - 4 ", "1,3-4"));
    }

    @ParameterizedTest(name = "\"{0}\" becomes \"{1}\"")
    @MethodSource
    void nonCanonical(String text, String canonical) {
        assertThat(CompletedIndexes.format(CompletedIndexes.parse(text))).isEqualTo(canonical);
    }
}
