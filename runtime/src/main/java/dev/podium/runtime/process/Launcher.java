package dev.podium.runtime.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.podium.model.json.Json;
import dev.podium.runtime.PodContext;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a container spec into what to exec: argv ($(VAR)-expanded), environment and working directory. */
final class Launcher {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    record Plan(List<String> argv, Map<String, String> env, Path workDir) {}

    private Launcher() {}

    static Plan plan(ObjectNode pod, JsonNode container, PodContext ctx, Map<String, Path> volumes, Path podDir)
            throws PodConfigException {
        String name = container.path("name").asText();
        Map<String, String> declared = EnvResolver.resolve(pod, container, ctx);
        Map<String, String> env = new LinkedHashMap<>();
        String hostPath = System.getenv("PATH");
        env.put("PATH", hostPath == null || hostPath.isEmpty() ? DEFAULT_PATH : hostPath);
        String home = System.getenv("HOME");
        if (home != null) env.put("HOME", home);
        env.put("HOSTNAME", orEmpty(Json.textAt(pod, "metadata.name")));
        env.putAll(declared);
        env.putAll(Volumes.mount(container, volumes, podDir));

        // command replaces the image's ENTRYPOINT and args its CMD; a host process has no image, so args alone run
        // as they would in an image without ENTRYPOINT (busybox's `args: [sh, -c, ...]`)
        List<String> argv = new ArrayList<>();
        for (JsonNode c : container.path("command")) argv.add(Expansion.expand(c.asText(), declared));
        for (JsonNode a : container.path("args")) argv.add(Expansion.expand(a.asText(), declared));
        if (argv.isEmpty()) throw new PodConfigException("CreateContainerError",
                "container \"" + name + "\" has no command: Podium runs host processes, set command or args", false);

        String wd = container.path("workingDir").asText("");
        Path workDir = wd.isEmpty() ? podDir : Path.of(wd);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new PodConfigException("CreateContainerError", "cannot create workingDir " + workDir + ": " + e.getMessage(), false);
        }
        argv.set(0, executable(argv.get(0), env, workDir).toString());
        return new Plan(argv, env, workDir);
    }

    /** Resolves the executable as execvp would, failing with Docker's wording. */
    static Path executable(String cmd, Map<String, String> env, Path workDir) throws PodConfigException {
        if (cmd.contains("/")) {
            Path p = workDir.resolve(cmd);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
            throw new PodConfigException("ContainerCannotRun", "exec: \"" + cmd + "\": stat " + cmd + ": no such file or directory", false);
        }
        for (String dir : env.getOrDefault("PATH", DEFAULT_PATH).split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, cmd);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        throw new PodConfigException("ContainerCannotRun", "exec: \"" + cmd + "\": executable file not found in $PATH", false);
    }

    /** {@code resources.limits.memory} in bytes; 0 when unset or invalid (validation reports that elsewhere). */
    static long memoryLimit(JsonNode container) {
        JsonNode q = container.path("resources").path("limits").get("memory");
        if (q == null || q.isNull() || q.asText().isBlank()) return 0;
        try {
            return Math.max(0, io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                    new io.fabric8.kubernetes.api.model.Quantity(q.asText())).longValue());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
