package io.cairn.identity.web;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.common.messaging.Commands;
import io.cairn.common.validation.Inputs;
import io.cairn.identity.sso.OrgClientRegistrations;
import io.cairn.identity.sso.SsoSecrets;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.AccessPolicy.Action;
import io.cairn.tenancy.api.OrgRole;
import io.cairn.tenancy.api.OrganizationCommand.ConfigureSsoCommand;
import io.cairn.tenancy.api.OrganizationCommand.RemoveSsoCommand;
import io.cairn.tenancy.api.SsoClaimMapping;
import io.cairn.tenancy.query.SsoReadModel;
import io.cairn.tenancy.query.SsoReadModel.SsoSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * An organization's external OpenID provider ("SSO"), managed by its owners and admins. The client secret is
 * write-only: stored encrypted ({@link SsoSecrets}), never answered, never in an event; a {@code PUT} without it
 * keeps the stored one.
 */
@RestController
@RequestMapping("/api/v1/orgs/{org}/sso")
public class SsoController {

    private static final int MAX_SECRET_LENGTH = 1000;

    private final Commands commands;
    private final SsoReadModel settings;
    private final SsoSecrets secrets;
    private final AccessPolicy policy;

    public SsoController(Commands commands, SsoReadModel settings, SsoSecrets secrets, AccessPolicy policy) {
        this.commands = commands;
        this.settings = settings;
        this.secrets = secrets;
        this.policy = policy;
    }

    /** One rule: claim {@code claim} has (or, a list, contains) {@code value} → {@code role} or group {@code groupId}. */
    public record MappingRequest(String claim, String value, String role, String groupId) {
    }

    /** {@code defaultRole} (MEMBER when absent) is the role of users no role rule matches. */
    public record SsoRequest(String issuerUri, String clientId, String clientSecret, String defaultRole,
                             List<MappingRequest> mappings) {
    }

    /**
     * The settings as stored, never the secret. {@code redirectUri} is what to register at the provider;
     * {@code signInUri} where users start.
     */
    public record SsoView(String issuerUri, String clientId, boolean clientSecretSet, OrgRole defaultRole,
                          List<SsoClaimMapping> mappings, String redirectUri, String signInUri, long updatedTime) {
    }

    @PutMapping
    SsoView put(@PathVariable String org, @RequestBody SsoRequest request) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        String secret = request.clientSecret();
        if (secret != null && (secret.isBlank() || secret.length() > MAX_SECRET_LENGTH)) {
            throw new InvalidInputException("clientSecret", "The client secret is 1 to " + MAX_SECRET_LENGTH
                    + " characters");
        }
        if (secret == null && !secrets.exists(org)) {
            throw new InvalidInputException("clientSecret", "The client secret is required the first time");
        }
        OrgRole defaultRole = request.defaultRole() == null ? null
                : Inputs.requireOneOf("defaultRole", request.defaultRole(), OrgRole.class);
        List<SsoClaimMapping> mappings = new ArrayList<>();
        List<MappingRequest> requested = request.mappings() == null ? List.of() : request.mappings();
        for (int i = 0; i < requested.size(); i++) {
            MappingRequest mapping = requested.get(i);
            if (mapping == null) {
                throw new InvalidInputException("mappings[" + i + "]", "A mapping must not be null");
            }
            OrgRole role = mapping.role() == null ? null
                    : Inputs.requireOneOf("mappings[" + i + "].role", mapping.role(), OrgRole.class);
            mappings.add(new SsoClaimMapping(mapping.claim(), mapping.value(), role, mapping.groupId()));
        }
        commands.sendAndProject(new ConfigureSsoCommand(org, request.issuerUri(), request.clientId(), defaultRole,
                mappings, secret != null), "Organization", org, "organizations");
        if (secret != null) {
            secrets.store(org, secret);
        }
        return view(org);
    }

    @GetMapping
    SsoView get(@PathVariable String org) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        return view(org);
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String org) {
        policy.callerIn(org, Action.ADMINISTER_ORGANIZATION);
        commands.sendAndProject(new RemoveSsoCommand(org), "Organization", org, "organizations");
        secrets.delete(org);
        return ResponseEntity.noContent().build();
    }

    private SsoView view(String org) {
        SsoSettings found = settings.find(org).orElseThrow(() -> new NotFoundException("SSO configuration", org));
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return new SsoView(found.issuerUri(), found.clientId(), secrets.exists(org), found.defaultRole(),
                found.mappings(), base + OrgClientRegistrations.CALLBACK.replace("{registrationId}", org),
                base + "/login/sso/" + org, found.updatedTime());
    }
}
