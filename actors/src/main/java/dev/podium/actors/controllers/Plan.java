package dev.podium.actors.controllers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one reconcile decided: actions, and when to look again if nothing else happens before. */
public record Plan(List<Action> actions, Optional<Duration> requeueAfter) {
    public static Plan nothing() {
        return new Plan(List.of(), Optional.empty());
    }

    /** Collects a plan step by step. */
    public static final class Builder {
        private final List<Action> actions = new ArrayList<>();
        private Duration requeue;

        public Builder add(Action action) {
            actions.add(action);
            return this;
        }

        public Builder addAll(List<? extends Action> more) {
            actions.addAll(more);
            return this;
        }

        /** Look again within {@code after} (the earliest of all such requests wins). */
        public Builder requeue(Duration after) {
            if (requeue == null || after.compareTo(requeue) < 0) requeue = after;
            return this;
        }

        public boolean isEmpty() {
            return actions.isEmpty();
        }

        public Plan build() {
            return new Plan(List.copyOf(actions), Optional.ofNullable(requeue));
        }
    }
}
