package io.cairn.compute.local;

import io.cairn.common.CairnProperties;
import io.cairn.common.SecretFiles;
import io.cairn.common.messaging.Commands;
import io.cairn.compute.api.ComputeTargetCommand.CreateComputeTargetCommand;
import io.cairn.compute.api.TargetSettings;
import io.cairn.compute.query.ComputeReadModel;
import io.cairn.compute.query.ComputeViews.TargetView;
import io.cairn.identity.AccessTokenService;
import io.cairn.identity.serviceaccount.ServiceAccounts;
import io.cairn.identity.serviceaccount.ServiceAccounts.Client;
import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.TenantResolver;
import io.cairn.tenancy.api.OrgRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What the local agent needs in organization {@code default}, made sure of at every start, idempotently: its compute
 * targets (found by name, created when missing) and its service account {@code local-agent} (role ADMIN, so it
 * reports to every project), whose client secret is kept in {@code <data-dir>/local-agent/client-secret} (mode 0600)
 * and reused by the next start; a missing or stale file gets the account a new secret. Everything acts as the
 * platform administrator, through the same commands as the API, so the organization's audit log shows it.
 */
@Component
public class LocalAgentSetup {

    /** The service account's name in organization {@code default}. */
    public static final String SERVICE_ACCOUNT = "local-agent";

    /** A target the local agent leases from. */
    public record Target(String name, String kind) {
    }

    /** The credentials of the service account: its client id and the file holding its secret. */
    public record Credentials(String clientId, Path secretFile) {
    }

    private static final Logger log = LoggerFactory.getLogger(LocalAgentSetup.class);
    private static final int MAX_TARGETS_READ = 1000;

    private final ServiceAccounts serviceAccounts;
    private final PasswordEncoder passwords;
    private final ComputeReadModel compute;
    private final Commands commands;
    private final AccessTokenService principals;
    private final TenantResolver tenants;
    private final Path secretFile;

    public LocalAgentSetup(ServiceAccounts serviceAccounts, PasswordEncoder passwords, ComputeReadModel compute,
                           Commands commands, AccessTokenService principals, TenantResolver tenants,
                           CairnProperties cairn) {
        this.serviceAccounts = serviceAccounts;
        this.passwords = passwords;
        this.compute = compute;
        this.commands = commands;
        this.principals = principals;
        this.tenants = tenants;
        this.secretFile = LocalAgentSupervisor.home(cairn).resolve("client-secret");
    }

    /** The organization the local agent belongs to. */
    public String organization() {
        return tenants.defaultOrganization();
    }

    /** The service account, created or its secret renewed when needed. */
    public Credentials credentials() {
        return asPlatformAdministrator(() -> {
            String org = organization();
            Optional<Client> existing = serviceAccounts.byName(org, SERVICE_ACCOUNT);
            if (existing.isEmpty()) {
                String adminId = principals.platformAdmin().orElseThrow();
                var created = serviceAccounts.create(org, SERVICE_ACCOUNT, OrgRole.ADMIN, adminId);
                SecretFiles.writeOwnerOnly(secretFile, created.clientSecret());
                log.info("Created the service account '{}' of organization '{}' for the local agent; its secret is in {}",
                        SERVICE_ACCOUNT, org, secretFile);
                return new Credentials(created.clientId(), secretFile);
            }
            Client client = existing.get();
            if (!storedSecretMatches(client)) {
                SecretFiles.writeOwnerOnly(secretFile, serviceAccounts.resetSecret(org, client.principalId()));
                log.info("Gave the local agent's service account '{}' a new secret (the one in {} was missing or stale)",
                        SERVICE_ACCOUNT, secretFile);
            }
            return new Credentials(client.clientId(), secretFile);
        });
    }

    /**
     * The target's id: the live target of organization {@code default} with this name, created when there is none;
     * empty when a target of that name has another kind (then the local agent leaves it alone).
     */
    public Optional<String> target(Target wanted, TargetSettings settings) {
        return asPlatformAdministrator(() -> {
            String org = organization();
            List<TargetView> targets = compute.targets(org, 0, MAX_TARGETS_READ);
            for (TargetView target : targets) {
                if (target.name().equals(wanted.name())) {
                    if (target.kind().equals(wanted.kind())) {
                        return Optional.of(target.id());
                    }
                    log.warn("The local agent does not use the target '{}' of organization '{}': its kind is {}, not {}",
                            wanted.name(), org, target.kind(), wanted.kind());
                    return Optional.<String>empty();
                }
            }
            String id = UUID.randomUUID().toString();
            commands.sendAndProject(new CreateComputeTargetCommand(id, org, wanted.name(), wanted.kind(), settings),
                    "Compute target", id, "compute");
            log.info("Created the compute target '{}' ({}) of organization '{}' for the local agent", wanted.name(),
                    wanted.kind(), org);
            return Optional.of(id);
        });
    }

    private boolean storedSecretMatches(Client client) {
        try {
            return Files.isRegularFile(secretFile)
                    && passwords.matches(Files.readString(secretFile).strip(), client.secretHash());
        } catch (IOException e) {
            return false;
        }
    }

    /** Commands sent here carry the platform administrator as their principal, as a request of theirs would. */
    private <T> T asPlatformAdministrator(Supplier<T> action) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        CairnPrincipal admin = new CairnPrincipal(principals.platformAdmin().orElseThrow(), organization(), true,
                OrgRole.OWNER);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(admin, null,
                List.of()));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }
}
