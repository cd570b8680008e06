package dev.podium.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedFailureFilterTest {
    @Test
    void oneCauseHittingManyEntitiesIsLoggedOncePerWindowWithACount() {
        LoggerContext context = new LoggerContext();
        AtomicLong now = new AtomicLong(1_000_000);
        RepeatedFailureFilter filter = new RepeatedFailureFilter();
        filter.clock(now::get);
        context.addTurboFilter(filter);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        Logger log = context.getLogger("journal");
        log.addAppender(seen);
        for (int entity = 0; entity < 1000; entity++) {
            log.error("recovery of entity {} failed", entity, new IllegalStateException("Circuit Breaker is open; calls are failing fast", new RuntimeException("queue of 4000 full")));
        }
        log.error("another cause", new IllegalArgumentException("bad"));
        log.info("no exception, always logged");
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("recovery of entity 0 failed", "another cause", "no exception, always logged");
        now.addAndGet(RepeatedFailureFilter.WINDOW_MILLIS + 1);
        log.error("recovery of entity {} failed", 1000, new IllegalStateException("Circuit Breaker is open", new RuntimeException("queue of 4001 full")));
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).endsWith(
                "the failure below was also logged 999 more times in the last 10 s (held back)", "recovery of entity 1000 failed");
    }
}
