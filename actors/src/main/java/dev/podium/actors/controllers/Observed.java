package dev.podium.actors.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a reconcile sees: the owner as its entity last journaled it, the objects it controls per
 * kind (the freshest version known: hints, answers to its own writes and the cache, with creates
 * in flight already counted), orphans its selector could adopt (per kind; empty unless asked for),
 * related objects (nodes, for a DaemonSet), the time, and the error of the last write of the
 * controller's that was refused since one succeeded (null when none; kube's ReplicaFailure), and
 * indexed reads of the cache for the rest (a ReplicaSet's pods, a StatefulSet's claims), and how
 * many creates of generated names the controller can start now (its slow-start batch less those in
 * flight): a plan needs no more, and building a thousand pods it cannot send yet is wasted work.
 */
public record Observed(ObjectNode owner, Map<String, List<ObjectNode>> owned, Map<String, List<ObjectNode>> orphans,
                       List<ObjectNode> nodes, Instant now, String writeFailure, CacheReads reads, int createsAllowed) {

    public Observed(ObjectNode owner, Map<String, List<ObjectNode>> owned, Map<String, List<ObjectNode>> orphans,
                    List<ObjectNode> nodes, Instant now, String writeFailure, CacheReads reads) {
        this(owner, owned, orphans, nodes, now, writeFailure, reads, ControllerActor.BURST);
    }

    public List<ObjectNode> owned(String kind) {
        return owned.getOrDefault(kind, List.of());
    }

    public List<ObjectNode> orphans(String kind) {
        return orphans.getOrDefault(kind, List.of());
    }
}
