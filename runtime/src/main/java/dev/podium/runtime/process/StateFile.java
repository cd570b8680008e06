package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.ContainerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code <podDir>/state.json}: what a new ProcessRuntime on the same root needs to re-adopt the pod —
 * the pod, how far init got, and per container its pid (with the process start time, to detect pid
 * reuse), start time, restart count and last termination.
 */
final class StateFile {
    private final Path file;
    private final ObjectNode pod;

    StateFile(Path podDir, ObjectNode pod) {
        this.file = podDir.resolve("state.json");
        this.pod = pod;
    }

    void save(PodSupervisor sup, boolean stopped, int initDone) {
        ObjectNode root = Json.object();
        root.set("pod", pod);
        root.put("stopped", stopped);
        root.put("initDone", initDone);
        if (sup.startTime != null) root.put("startTime", sup.startTime.toEpochMilli());
        ObjectNode cs = root.putObject("containers");
        sup.all().forEach(c -> {
            ObjectNode n = cs.putObject(c.name);
            n.put("restartCount", c.status.restartCount);
            if (c.status.containerID != null) n.put("containerID", c.status.containerID);
            if (c.process != null) {
                n.put("pid", c.process.pid());
                c.process.info().startInstant().ifPresent(i -> n.put("processStart", i.toEpochMilli()));
                n.put("startedAt", c.startedAt.toEpochMilli());
                if (c.cgroup != null) n.put("cgroup", c.cgroup.toString());
                if (c.isolated) n.put("isolated", true);
            }
            ContainerState.Terminated t = c.status.state instanceof ContainerState.Terminated x ? x : c.status.lastState;
            if (t != null) {
                ObjectNode tn = n.putObject(c.status.state instanceof ContainerState.Terminated ? "terminated" : "lastTerminated");
                tn.put("exitCode", t.exitCode()).put("signal", t.signal()).put("reason", t.reason())
                        .put("startedAt", t.startedAt() == null ? 0 : t.startedAt().toEpochMilli())
                        .put("finishedAt", t.finishedAt() == null ? 0 : t.finishedAt().toEpochMilli());
            }
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("state.json.tmp");
            Files.write(tmp, Json.bytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ignored) {
            // the pod directory may have been removed
        }
    }

    static Optional<ObjectNode> load(Path podDir) {
        try {
            return Optional.of((ObjectNode) Json.MAPPER.readTree(podDir.resolve("state.json").toFile()));
        } catch (IOException | ClassCastException e) {
            return Optional.empty();
        }
    }

    static ContainerState.Terminated terminated(JsonNode n, String containerID) {
        return new ContainerState.Terminated(n.path("exitCode").asInt(), n.path("signal").asInt(), n.path("reason").asText("Error"), null,
                Instant.ofEpochMilli(n.path("startedAt").asLong()), Instant.ofEpochMilli(n.path("finishedAt").asLong()), containerID);
    }

}
