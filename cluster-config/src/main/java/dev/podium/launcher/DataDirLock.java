package dev.podium.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps a second Podium from opening a data directory that one is already using. */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path lockFile = dataDir.resolve("podium.lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // held by this same JVM
        }
        if (l == null) {
            ch.close();
            String pid = Files.exists(dataDir.resolve("podium.pid")) ? Files.readString(dataDir.resolve("podium.pid")).trim() : "unknown";
            throw new IllegalStateException("another Podium (pid " + pid + ") is already running on data directory " + dataDir.toAbsolutePath()
                    + "; stop it first, or start this one with --data OTHER_DIR");
        }
        Files.writeString(dataDir.resolve("podium.pid"), Long.toString(ProcessHandle.current().pid()));
        return new DataDirLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
