package io.emporium.runner.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries the runner starts: the archive zonky publishes for this platform (a Maven artifact on the
 * runner's classpath), unpacked once into a cache that Emporium owns, {@code <cache>/postgres/<os>-<arch>-<digest>}.
 *
 * <p>Unpacking is safe against everything that broke the first runs:
 * <ul>
 * <li><b>Memory:</b> the archive is streamed: xz's 8 MiB dictionary and one copy buffer, whatever the file sizes,
 * so it fits the supervisor's small heap (zonky's own unpacker holds the whole archive and each file in memory).</li>
 * <li><b>Atomic:</b> it unpacks into {@code <name>.partial-<pid>} and renames that to {@code <name>} only when every
 * file is written, so {@code <name>} is either complete or absent; a crash mid-way leaves a partial directory that
 * the next run deletes.</li>
 * <li><b>Concurrent:</b> a file lock ({@code <cache>/postgres/.lock}) serializes unpacking between processes (an
 * {@code up} and a test run at the same time), a JVM-wide lock between threads; whoever comes second finds the
 * directory complete.</li>
 * </ul>
 * The name carries a digest of the archive, so a new binaries version unpacks beside the old one.
 */
public final class PostgresBinaries {

    /** Written last into a complete unpack (the rename is the commit; this marks directories of older schemes). */
    static final String COMPLETE_MARKER = ".emporium-complete";
    private static final String PARTIAL = ".partial-";
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private PostgresBinaries() {
    }

    /**
     * The binaries cache of this user: {@code $EMPORIUM_CACHE_DIR/postgres} when set, else
     * {@code ${XDG_CACHE_HOME:-~/.cache}/emporium/postgres}.
     */
    public static Path defaultCache(Map<String, String> env, String userHome) {
        String own = env.get("EMPORIUM_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own).resolve("postgres");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("emporium").resolve("postgres");
    }

    /**
     * Returns the directory holding {@code bin/postgres} and {@code bin/initdb} for this platform, unpacking the
     * archive into {@code cache} first if no complete copy is there.
     *
     * @throws IOException when the archive cannot be read or unpacked (nothing partial is left as complete)
     */
    public static Path prepare(Path cache) throws IOException {
        Files.createDirectories(cache);
        String name = platform() + "-" + digest();
        Path target = cache.resolve(name);
        if (isComplete(target)) {
            return target;
        }
        IN_THIS_JVM.lock();
        try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            if (isComplete(target)) {
                return target;
            }
            removeLeftovers(cache, name);
            Path partial = cache.resolve(name + PARTIAL + ProcessHandle.current().pid());
            try (InputStream archive = archive()) {
                unpack(archive, partial);
            }
            Files.writeString(partial.resolve(COMPLETE_MARKER), name + "\n");
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
        finally {
            IN_THIS_JVM.unlock();
        }
    }

    /** Whether {@code directory} is a complete unpack: the rename happened and the marker is there. */
    static boolean isComplete(Path directory) {
        return Files.isRegularFile(directory.resolve(COMPLETE_MARKER))
                && Files.isExecutable(directory.resolve("bin").resolve("postgres"));
    }

    /** Deletes what an interrupted unpack of {@code name} left: partial directories, an incomplete target. */
    private static void removeLeftovers(Path cache, String name) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cache, name + "*")) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (file.equals(name) || file.startsWith(name + PARTIAL)) {
                    leftovers.add(entry);
                }
            }
        }
        for (Path leftover : leftovers) {
            deleteRecursively(leftover);
        }
    }

    /**
     * Unpacks a tar.xz stream into {@code directory} (created), streaming: files, directories, symbolic and hard
     * links, with the archive's permission bits. Entries that would land outside {@code directory} are refused.
     */
    static void unpack(InputStream archive, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path root = directory.toAbsolutePath().normalize();
        List<TarArchiveEntry> links = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(archive, 64 * 1024)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = inside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                }
                else if (entry.isSymbolicLink() || entry.isLink()) {
                    links.add(entry);
                }
                else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
                else {
                    throw new IOException("unsupported entry in the PostgreSQL archive: " + entry.getName());
                }
            }
        }
        // links last, so that a hard link's target exists whatever the archive's order
        for (TarArchiveEntry link : links) {
            Path target = inside(root, link.getName());
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            if (link.isSymbolicLink()) {
                Path pointsTo = Path.of(link.getLinkName());
                inside(root, root.relativize(target.getParent().resolve(pointsTo).normalize()).toString());
                Files.createSymbolicLink(target, pointsTo);
            }
            else {
                Files.createLink(target, inside(root, link.getLinkName()));
            }
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root)) {
            throw new IOException("refusing an archive entry outside the target directory: " + name);
        }
        return resolved;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ };
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        return permissions;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@code linux-x86_64} and the like, as zonky names its archives. */
    static String platform() {
        return system().toLowerCase(Locale.ROOT) + "-" + architecture();
    }

    /** The first 12 hex digits of the archive's SHA-256: a new archive version gets a directory of its own. */
    private static String digest() throws IOException {
        try (DigestInputStream in = new DigestInputStream(archive(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 12);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The archive for this platform, found by zonky's resolver (it knows the platform artifacts' names). */
    private static InputStream archive() throws IOException {
        try {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture());
        }
        catch (IllegalStateException e) {
            throw new IOException("no PostgreSQL binaries for " + platform() + " on the runner's classpath", e);
        }
        catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return "Linux";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "Darwin";
        }
        if (os.contains("windows")) {
            return "Windows";
        }
        throw new IllegalStateException("no PostgreSQL binaries for the operating system " + os);
    }

    private static String architecture() {
        return ArchUtils.normalize(System.getProperty("os.arch", ""));
    }
}
