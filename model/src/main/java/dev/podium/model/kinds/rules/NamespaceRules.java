package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for Namespace. */
public final class NamespaceRules implements KindRules {
}
