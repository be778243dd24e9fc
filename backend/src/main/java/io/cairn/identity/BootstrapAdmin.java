package io.cairn.identity;

import io.cairn.common.CairnProperties;
import io.cairn.tenancy.TenantResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty data directory: creates the platform administrator and writes its first
 * access token to {@code $CAIRN_DATA_DIR/bootstrap-token}, readable by the owner only. Runs before the HTTP
 * port opens.
 */
@Component
public class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccessTokenService tokens;
    private final TenantResolver tenants;
    private final CairnProperties properties;

    public BootstrapAdmin(AccessTokenService tokens, TenantResolver tenants, CairnProperties properties) {
        this.tokens = tokens;
        this.tenants = tenants;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Path file = tokenFile();
        if (tokens.platformAdminExists()) {
            log.info("Platform administrator exists; its bootstrap token was written to {} on first start", file);
            return;
        }
        String adminId = tokens.createPrincipal(tenants.tenantForNewCredential(), "admin", true);
        String token = tokens.issue(adminId, "bootstrap", null);
        write(file, token);
        log.info("Created the platform administrator; its access token is in {} (mode 0600)", file);
    }

    public Path tokenFile() {
        return properties.dataDir().toAbsolutePath().normalize().resolve("bootstrap-token");
    }

    private static void write(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, token + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap token to " + file, e);
        }
    }
}
