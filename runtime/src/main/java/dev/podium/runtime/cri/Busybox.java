package dev.podium.runtime.cri;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The host's statically linked busybox (Debian's busybox-static), from which images are built offline. */
public final class Busybox {
    private static final List<Path> CANDIDATES = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private Busybox() {}

    /** The first static busybox on this host; a dynamically linked one cannot run inside an image without libc. */
    public static Optional<Path> find() {
        return CANDIDATES.stream().filter(Files::isExecutable).filter(Busybox::isStatic).findFirst();
    }

    /** The applet names {@code busybox --list} prints. */
    static List<String> applets(Path busybox) throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException(busybox + " --list failed: " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.contains("/")).toList();
    }

    /** An ELF executable without a PT_INTERP program header needs no dynamic loader. */
    static boolean isStatic(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 0);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2) return false; // "\177ELF", 64-bit
            long phoff = h.getLong(32);
            int phentsize = Short.toUnsignedInt(h.getShort(54));
            int phnum = Short.toUnsignedInt(h.getShort(56));
            ByteBuffer ph = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < phnum; i++) {
                ph.clear();
                ch.read(ph, phoff + (long) i * phentsize);
                if (ph.getInt(0) == 3) return false;
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
