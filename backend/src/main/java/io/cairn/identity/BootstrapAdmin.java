package io.cairn.identity;

import io.cairn.common.CairnProperties;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.common.messaging.ProjectionBarrier;
import io.cairn.tenancy.TenantResolver;
import io.cairn.tenancy.api.OrganizationCommand.CreateOrganizationCommand;
import io.cairn.tenancy.query.OrganizationReadModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty data directory: creates the platform administrator, writes its first
 * access token to {@code $CAIRN_DATA_DIR/bootstrap-token} (readable by the owner only), and — once the
 * command bus runs, before the application reports ready — the default organization with the
 * administrator as its owner.
 */
@Component
public class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccessTokenService tokens;
    private final TenantResolver tenants;
    private final CairnProperties properties;
    private final OrganizationReadModel organizations;
    private final CommandGateway commands;
    private final ProjectionBarrier barrier;

    public BootstrapAdmin(AccessTokenService tokens, TenantResolver tenants, CairnProperties properties,
                          OrganizationReadModel organizations, CommandGateway commands, ProjectionBarrier barrier) {
        this.tokens = tokens;
        this.tenants = tenants;
        this.properties = properties;
        this.organizations = organizations;
        this.commands = commands;
        this.barrier = barrier;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Path file = tokenFile();
        if (tokens.platformAdmin().isPresent()) {
            log.info("Platform administrator exists; its bootstrap token was written to {} on first start", file);
            return;
        }
        String adminId = tokens.createPrincipal(tenants.defaultOrganization(), "admin", true);
        String token = tokens.issue(adminId, "bootstrap", null);
        write(file, token);
        log.info("Created the platform administrator; its access token is in {} (mode 0600)", file);
    }

    @EventListener(ApplicationStartedEvent.class)
    public void createDefaultOrganization() {
        String org = tenants.defaultOrganization();
        if (organizations.exists(org)) {
            return;
        }
        String adminId = tokens.platformAdmin().orElseThrow();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new CreateOrganizationCommand(org, "Default organization", adminId))
                .andMetaData(Map.of(MessageMetadata.TENANT_ID, org, MessageMetadata.PRINCIPAL, adminId)));
        barrier.await("organizations", org);
        log.info("Created organization '{}' owned by the platform administrator", org);
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
