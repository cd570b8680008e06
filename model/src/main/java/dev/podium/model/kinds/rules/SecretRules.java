package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for Secret. */
public final class SecretRules implements KindRules {
}
