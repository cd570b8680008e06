package dev.podium.actors.controllers.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.podium.actors.controllers.Fixtures.NOW;
import static dev.podium.actors.controllers.Fixtures.ago;
import static dev.podium.actors.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class JobBackoffTest {

    @ParameterizedTest(name = "{0} failures: {1} s")
    @CsvSource({"0, 0", "1, 10", "2, 20", "3, 40", "4, 80", "5, 160", "6, 320", "7, 360", "8, 360", "30, 360"})
    void delayDoublesFrom10SecondsUpTo6Minutes(int failures, long seconds) {
        assertThat(JobBackoff.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    static ObjectNode failed(String name, long secondsAgo) {
        return pod(name).exited("main", 1, ago(secondsAgo)).build();
    }

    static ObjectNode succeeded(String name, long secondsAgo) {
        return pod(name).exited("main", 0, ago(secondsAgo)).build();
    }

    static Stream<Arguments> until() {
        return Stream.of(
                Arguments.of("no pods", List.of(), null),
                Arguments.of("only running and succeeded pods", List.of(pod("r").build(), succeeded("s", 1)), null),
                Arguments.of("one failure 5 s ago: 10 s after it", List.of(failed("f", 5)), NOW.plusSeconds(5)),
                Arguments.of("one failure exactly 10 s ago: now", List.of(failed("f", 10)), null),
                Arguments.of("two failures: 20 s after the last", List.of(failed("f1", 30), failed("f2", 5)), NOW.plusSeconds(15)),
                Arguments.of("three failures: 40 s after the last", List.of(failed("f1", 30), failed("f2", 20), failed("f3", 5)), NOW.plusSeconds(35)),
                Arguments.of("failures before the last success do not count", List.of(failed("f1", 30), failed("f2", 20), succeeded("s", 10)), null),
                Arguments.of("only failures after the last success count", List.of(failed("f1", 30), succeeded("s", 20), failed("f2", 5)),
                        NOW.plusSeconds(5)),
                Arguments.of("a pod finished when its last container did",
                        List.of(pod("f").exited("main", 1, ago(50)).with(p -> p.with("status").withArray("containerStatuses").addObject().put("name", "side")
                                .putObject("state").putObject("terminated").put("exitCode", 2).put("finishedAt", "2026-01-01T11:59:58Z")).build()),
                        NOW.plusSeconds(8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void until(String what, List<ObjectNode> pods, Instant expected) {
        assertThat(JobBackoff.until(pods, NOW)).isEqualTo(Optional.ofNullable(expected));
    }
}
