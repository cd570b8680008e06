package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for ConfigMap. */
public final class ConfigMapRules implements KindRules {
}
