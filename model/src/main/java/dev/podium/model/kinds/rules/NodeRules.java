package dev.podium.model.kinds.rules;

import dev.podium.model.kinds.KindRules;

/** Defaulting and validation for Node. */
public final class NodeRules implements KindRules {
}
