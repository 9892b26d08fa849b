package io.emporium.runner.supervision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One system at a time: the supervisor holds an OS lock on {@code var/run/supervisor.lock} (with its pid inside) for
 * as long as it lives. The OS drops the lock when the process dies, so a lock file whose lock is free is stale.
 */
public final class RunLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock for this process, or returns empty when another process holds it. */
    public static Optional<RunLock> acquire(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return Optional.of(new RunLock(file, channel, lock));
    }

    /** The pid of the live process holding the lock, or empty when nobody holds it. */
    public static OptionalLong holder(Path file) {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return recordedPid(file);
            }
            if (probe == null) {
                return recordedPid(file);
            }
            probe.release();
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The pid written in a lock file that nobody holds any more: a supervisor that died without cleaning up. */
    public static OptionalLong stale(Path file) {
        return Files.exists(file) && holder(file).isEmpty() ? recordedPid(file) : OptionalLong.empty();
    }

    private static OptionalLong recordedPid(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Releases the lock and removes the file. */
    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        Files.deleteIfExists(file);
        lock.release();
        channel.close();
    }
}
