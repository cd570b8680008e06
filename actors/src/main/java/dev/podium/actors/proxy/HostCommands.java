package dev.podium.actors.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's network tools (nft, ip) and says what they printed when they fail. */
final class HostCommands {
    private HostCommands() {}

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + ": no answer within 30 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    static Result run(String... command) {
        return run(List.of(command), null);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || run("id", "-u").output().equals("0");
    }

    static boolean has(String tool) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) return true;
        }
        return false;
    }
}
