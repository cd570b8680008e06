package dev.podium.http.flowcontrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A clock that moves only when told, and a timer whose tasks run when that time comes. */
final class ManualTime extends Clock implements BiConsumer<Duration, Runnable> {
    private record Task(Instant due, Runnable task) {}

    private Instant now = Instant.parse("2026-12-05T00:00:00Z");
    private final List<Task> tasks = new ArrayList<>();

    void advance(Duration d) {
        now = now.plus(d);
        List<Task> due = tasks.stream().filter(t -> !t.due().isAfter(now)).toList();
        tasks.removeAll(due);
        due.forEach(t -> t.task().run());
    }

    @Override
    public void accept(Duration delay, Runnable task) {
        tasks.add(new Task(now.plus(delay), task));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
