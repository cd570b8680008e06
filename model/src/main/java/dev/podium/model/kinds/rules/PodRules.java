package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for Pod. */
public final class PodRules implements KindRules {
}
