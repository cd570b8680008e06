package dev.podium.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How a runtime's container log files read, for {@code kubectl logs} (and {@code -f}, {@code --timestamps}, {@code --since}). */
public interface ContainerLogs {
    /** What the container wrote, bytes appended since the last read turned into output, and how many of them that took. */
    record Chunk(byte[] output, int consumed) {}

    /** The container's output, as {@code kubectl logs} shows it. */
    byte[] output(Path file) throws IOException;

    /** Each output line prefixed with its RFC3339Nano time and a space. */
    List<String> timedLines(Path file) throws IOException;

    /** The output in bytes appended to the file; a runtime whose records can be cut off leaves the incomplete end for later. */
    Chunk appended(byte[] bytes);
}
