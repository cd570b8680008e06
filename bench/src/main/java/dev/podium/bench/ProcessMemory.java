package dev.podium.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from {@code /proc/PID/status} (Linux only), and CPU time used. */
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

    /** CPU time this JVM has used, all threads. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time the whole machine has spent busy (not idle or waiting for I/O) since boot, from /proc/stat; -1 when unknown. */
    static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) ticks += Long.parseLong(f[i]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
