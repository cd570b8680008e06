package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for Service. */
public final class ServiceRules implements KindRules {
}
