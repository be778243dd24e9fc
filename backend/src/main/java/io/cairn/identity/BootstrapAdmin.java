package io.cairn.identity;

import io.cairn.common.CairnProperties;
import io.cairn.common.SecretFiles;
import io.cairn.common.messaging.MessageMetadata;
import io.cairn.common.messaging.ProjectionBarrier;
import io.cairn.identity.login.LocalUsers;
import io.cairn.tenancy.TenantResolver;
import io.cairn.tenancy.api.OrganizationCommand.CreateOrganizationCommand;
import io.cairn.tenancy.query.OrganizationReadModel;
import java.nio.file.Path;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty data directory: creates the platform administrator, writes its first
 * access token to {@code $CAIRN_DATA_DIR/bootstrap-token} (readable by the owner only), and — once the
 * command bus runs, before the application reports ready — the default organization with the
 * administrator as its owner. When {@code CAIRN_ADMIN_PASSWORD} is set and the administrator has no password
 * yet, it becomes their password for the sign-in page (username {@code admin}).
 */
@Component
public class BootstrapAdmin implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final String ADMIN_USERNAME = "admin";

    private final AccessTokenService tokens;
    private final TenantResolver tenants;
    private final CairnProperties properties;
    private final OrganizationReadModel organizations;
    private final CommandGateway commands;
    private final ProjectionBarrier barrier;
    private final LocalUsers users;
    private final String adminPassword;

    public BootstrapAdmin(AccessTokenService tokens, TenantResolver tenants, CairnProperties properties,
                          OrganizationReadModel organizations, CommandGateway commands, ProjectionBarrier barrier,
                          LocalUsers users, @Value("${cairn.admin-password:}") String adminPassword) {
        this.tokens = tokens;
        this.tenants = tenants;
        this.properties = properties;
        this.organizations = organizations;
        this.commands = commands;
        this.barrier = barrier;
        this.users = users;
        this.adminPassword = adminPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Path file = tokenFile();
        String adminId = tokens.platformAdmin().orElse(null);
        if (adminId != null) {
            log.info("Platform administrator exists; its bootstrap token was written to {} on first start", file);
        } else {
            adminId = tokens.createPrincipal(tenants.defaultOrganization(), ADMIN_USERNAME, true);
            String token = tokens.issue(adminId, "bootstrap", null);
            SecretFiles.writeOwnerOnly(file, token + System.lineSeparator());
            log.info("Created the platform administrator; its access token is in {} (mode 0600)", file);
        }
        if (!adminPassword.isEmpty()) {
            if (users.setInitialPassword(adminId, adminPassword, "CAIRN_ADMIN_PASSWORD")) {
                log.info("The platform administrator '{}' can now sign in with the password from CAIRN_ADMIN_PASSWORD",
                        ADMIN_USERNAME);
            } else {
                log.info("CAIRN_ADMIN_PASSWORD ignored: the platform administrator has a password already");
            }
        }
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
}
