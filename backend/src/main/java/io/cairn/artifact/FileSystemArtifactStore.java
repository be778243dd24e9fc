package io.cairn.artifact;

import io.cairn.common.CairnProperties;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.PayloadTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Blobs under {@code <root>/<tenant>/sha256/<ab>/<cd>/<digest>}, the root being {@code $CAIRN_DATA_DIR/artifacts}
 * for the application's artifact store. An upload streams to
 * a temporary file while being hashed, then moves into place atomically; a failed or oversized upload
 * leaves nothing behind.
 */
@Component
public class FileSystemArtifactStore implements ArtifactStore {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path incoming;

    @Autowired
    public FileSystemArtifactStore(CairnProperties properties) throws IOException {
        this(properties.dataDir().resolve("artifacts"));
    }

    /** A store of its own under {@code root} (source archives live under {@code $CAIRN_DATA_DIR/sources}). */
    public FileSystemArtifactStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public StoredBlob store(String tenantId, InputStream content, long maxBytes, String expectedSha256)
            throws IOException {
        Path temp = Files.createTempFile(incoming, "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(temp)) {
                int read;
                while ((read = content.read(buffer)) != -1) {
                    size += read;
                    if (size > maxBytes) {
                        throw new PayloadTooLargeException("body", "The artifact exceeds the limit of "
                                + DataSize.ofBytes(maxBytes).toMegabytes() + " MB");
                    }
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equals(sha)) {
                throw new InvalidInputException("body", "The body's SHA-256 is " + sha + ", not " + expectedSha256
                        + "; nothing was stored");
            }
            Path target = blob(tenantId, sha);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StoredBlob(sha, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream open(String tenantId, String sha256) throws IOException {
        try {
            return Files.newInputStream(blob(tenantId, sha256));
        } catch (NoSuchFileException e) {
            throw new IOException("Artifact blob " + sha256 + " of tenant " + tenantId + " is missing from " + root, e);
        }
    }

    @Override
    public Optional<Long> size(String tenantId, String sha256) throws IOException {
        Path blob = blob(tenantId, sha256);
        return Files.isRegularFile(blob) ? Optional.of(Files.size(blob)) : Optional.empty();
    }

    private Path blob(String tenantId, String sha256) {
        if (!TENANT.matcher(tenantId).matches() || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Invalid tenant or digest");
        }
        return root.resolve(tenantId).resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
