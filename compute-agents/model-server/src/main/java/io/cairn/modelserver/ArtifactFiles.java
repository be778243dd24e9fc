package io.cairn.modelserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Digests and unpacking of model artifacts. */
final class ArtifactFiles {

    /** Unpacking stops past this many bytes or entries: a zip bomb does not fill the disk. */
    static final long MAX_UNPACKED_BYTES = 4L << 30;
    static final int MAX_ENTRIES = 100_000;

    private ArtifactFiles() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Streams {@code in} to {@code target}, answering the SHA-256 of what was written. */
    static String copyWithDigest(InputStream in, Path target) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            Files.copy(digesting, target);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Unzips {@code zip} into the empty or absent {@code target}; entries may not leave it. */
    static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toRealPath();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new ModelLoadException("The artifact zip has more than " + MAX_ENTRIES + " entries");
                }
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new ModelLoadException("The artifact zip has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (OutputStream file = Files.newOutputStream(out)) {
                    byte[] buffer = new byte[65536];
                    int read;
                    while ((read = in.read(buffer)) != -1) {
                        total += read;
                        if (total > MAX_UNPACKED_BYTES) {
                            throw new ModelLoadException("The artifact unpacks to more than " + MAX_UNPACKED_BYTES
                                    + " bytes");
                        }
                        file.write(buffer, 0, read);
                    }
                }
            }
        }
    }

    /**
     * The saved Spark ML model inside {@code directory}: the directory itself when it holds {@code metadata},
     * else its only subdirectory that does (a zip of the model's folder).
     */
    static Path sparkModelRoot(Path directory) throws IOException {
        if (Files.isDirectory(directory.resolve("metadata"))) {
            return directory;
        }
        List<Path> candidates;
        try (Stream<Path> children = Files.list(directory)) {
            candidates = children.filter(child -> Files.isDirectory(child.resolve("metadata"))).toList();
        }
        if (candidates.size() != 1) {
            throw new ModelLoadException("No saved Spark ML model (a folder with metadata/ and stages/) in the "
                    + "artifact");
        }
        return candidates.get(0);
    }
}
