package dev.podium.runtime;

import java.time.Instant;

/** The state of one container as core/v1 ContainerState describes it. */
public sealed interface ContainerState {
    record Waiting(String reason, String message) implements ContainerState {}

    record Running(Instant startedAt) implements ContainerState {}

    /** {@code signal} is 0 when the process was not killed by a signal we sent. */
    record Terminated(int exitCode, int signal, String reason, String message, Instant startedAt, Instant finishedAt,
                      String containerID) implements ContainerState {
        public static Terminated of(int exitCode, int signal, Instant startedAt, Instant finishedAt, String containerID) {
            return new Terminated(exitCode, signal, exitCode == 0 ? "Completed" : "Error", null, startedAt, finishedAt, containerID);
        }
    }
}
