package dev.podium.persistence;

/**
 * Marker for every message, event and snapshot that crosses a node boundary or reaches the
 * journal. Bound to Jackson in serialization.conf (JSON for events, CBOR for messages);
 * nothing uses Java serialization.
 */
public interface PodiumSerializable {}
