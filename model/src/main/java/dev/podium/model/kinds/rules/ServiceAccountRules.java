package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for ServiceAccount. */
public final class ServiceAccountRules implements KindRules {
}
