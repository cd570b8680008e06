package dev.podium.actors.scheduler.plugins;

/** A topology domain: a node label key and one of its values. */
record TopologyPair(String key, String value) {}
