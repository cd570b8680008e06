package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for Event. */
public final class EventRules implements KindRules {
}
