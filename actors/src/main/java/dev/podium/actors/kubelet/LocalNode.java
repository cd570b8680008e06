package dev.podium.actors.kubelet;

import dev.podium.runtime.ContainerRuntime;

/** A node whose pods this JVM runs: its name, how much it offers, and the runtime that runs them. */
public record LocalNode(String name, int cpuCores, long memoryBytes, int maxPods, ContainerRuntime runtime, String hostIP) {}
