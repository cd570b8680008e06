package dev.podium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from {@code /proc/PID/status} (Linux only). */
final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS in KiB, or -1 when the process is gone or this is not Linux. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux, or the process has exited
        }
        return -1;
    }

    /** VmRSS as /proc shows it ({@code 123456 kB}), or {@code unknown}. */
    static String rss(long pid) {
        long kib = rssKib(pid);
        return kib < 0 ? "unknown" : kib + " kB";
    }
}
