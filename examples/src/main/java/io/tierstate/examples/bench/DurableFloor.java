package io.tierstate.examples.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * The floor of the write-path benchmark: the durable work a migration of one file cannot avoid,
 * done by a plain loop with no TierState code. For each deployment it reads
 * {@code deployments/NAME.json}, keeps the old bytes gzipped as
 * {@code backups/NAME/NAME-schema-v2-STAMP.json.gz} and writes the new document over the file; each
 * of the two writes is a temp file in the target's directory, {@code FileChannel.force(true)}, an
 * atomic rename and an fsync of the directory, the files {@code 0600} and the backup directory
 * {@code 0700}, as the file store writes them.
 *
 * <p>The new document is given, not computed: the bytes the store writes for this fixture,
 * worked out once before timing. So the floor has no JSON work at all; the gap between it and
 * {@code migrateAll} is everything TierState adds, parsing, upgrading and encoding included.
 */
final class DurableFloor {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final FileAttribute<?> FILE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> DIR = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private DurableFloor() {}

    /**
     * Rewrites every named deployment of a home durably, keeping a gzip backup of each.
     *
     * @param home the home, with {@code deployments/NAME.json} for every name
     * @param names the deployments
     * @param newDocument what each file becomes
     * @return the bytes read
     * @throws IOException when a file cannot be read or written
     */
    static long run(Path home, List<String> names, byte[] newDocument) throws IOException {
        Path deployments = home.resolve("deployments");
        Path backups = home.resolve("backups");
        long read = 0;
        for (String name : names) {
            Path file = deployments.resolve(name + ".json");
            byte[] old = Files.readAllBytes(file);
            read += old.length;
            Path backupDir = backups.resolve(name);
            if (!Files.isDirectory(backupDir)) {
                Files.createDirectories(backupDir, DIR);
            }
            write(backupDir.resolve(name + "-schema-v2-" + STAMP.format(Instant.now()) + ".json.gz"), gzip(old));
            write(file, newDocument);
        }
        return read;
    }

    /** Temp file, force, atomic rename, directory fsync: what a crash-safe replacement needs on POSIX. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), FILE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
