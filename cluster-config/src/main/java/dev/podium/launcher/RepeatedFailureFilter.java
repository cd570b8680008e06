package dev.podium.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One failure cause hitting thousands of entities (the journal's circuit breaker open, the
 * database gone) is logged once per {@value #WINDOW_MILLIS} ms per logger and cause, not as a
 * stack trace per entity; the next one that gets through says how many were held back. Only
 * warnings and errors that carry an exception are counted.
 */
public final class RepeatedFailureFilter extends TurboFilter {
    static final long WINDOW_MILLIS = 10_000;

    private record Window(long startedAt, AtomicLong held) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private java.util.function.LongSupplier clock = System::currentTimeMillis;

    /** Tests move time themselves. */
    void clock(java.util.function.LongSupplier millis) {
        this.clock = millis;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        // SLF4J hands an exception given as the last argument over in params; logback extracts it later
        Throwable t = thrown != null ? thrown : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (t == null || !level.isGreaterOrEqual(Level.WARN) || windows.size() > 10_000) return FilterReply.NEUTRAL;
        String key = logger.getName() + "|" + cause(t);
        long now = clock.getAsLong();
        Window w = windows.get(key);
        if (w != null && now - w.startedAt() < WINDOW_MILLIS) {
            w.held().incrementAndGet();
            return FilterReply.DENY;
        }
        windows.put(key, new Window(now, new AtomicLong()));
        if (w != null && w.held().get() > 0) {
            logger.warn("the failure below was also logged {} more times in the last {} s (held back)", w.held().get(),
                    (now - w.startedAt()) / 1000);
        }
        return FilterReply.NEUTRAL;
    }

    /** The innermost cause's type and message, without numbers that differ per entity. */
    static String cause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\d+", "#");
        return root.getClass().getName() + ": " + (message.length() > 200 ? message.substring(0, 200) : message);
    }
}
