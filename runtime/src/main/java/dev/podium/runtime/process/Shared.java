package dev.podium.runtime.process;

import dev.podium.runtime.RuntimeSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What all pods of one ProcessRuntime share: timers, a worker pool for short blocking work, log sampling. */
record Shared(Path root, Clock clock, RuntimeSettings settings, ScheduledExecutorService timer,
              ExecutorService workers, LogFiles logs,
              Isolation isolation, MemoryCgroups cgroups) {}
