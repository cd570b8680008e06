package dev.podium.persistence.watch;

import java.util.List;

/** One page of a list: the objects, the cache's resourceVersion it was read at, and the key to continue after (or null). */
public record ListResult(List<CachedObject> items, long resourceVersion, String continueAfter, long remaining) {}
