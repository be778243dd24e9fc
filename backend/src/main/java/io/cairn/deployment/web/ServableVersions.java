package io.cairn.deployment.web;

import io.cairn.artifact.ArtifactStore;
import io.cairn.common.error.ConflictException;
import io.cairn.common.error.InvalidInputException;
import io.cairn.common.error.NotFoundException;
import io.cairn.deployment.api.ServedVersion;
import io.cairn.project.api.ProjectRole;
import io.cairn.registry.api.ModelFlavor;
import io.cairn.registry.api.ModelVersionId;
import io.cairn.registry.query.ModelReadModel;
import io.cairn.registry.query.ModelView;
import io.cairn.tenancy.AccessPolicy;
import io.cairn.tenancy.CairnPrincipal;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/**
 * Resolves what a deploy or update request names (a version number or an alias of a model) against the
 * registry, and refuses what a model server cannot serve: each failure names the request field at fault.
 */
@Component
class ServableVersions {

    private final ModelReadModel models;
    private final ArtifactStore artifacts;
    private final AccessPolicy policy;

    ServableVersions(ModelReadModel models, ArtifactStore artifacts, AccessPolicy policy) {
        this.models = models;
        this.artifacts = artifacts;
        this.policy = policy;
    }

    /** The model, unless it is unknown (404) or deleted (409). */
    ModelView model(String tenantId, String modelId) {
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidInputException("modelId", "modelId is required");
        }
        ModelView model;
        try {
            model = models.get(tenantId, modelId);
        } catch (NotFoundException e) {
            throw new NotFoundException("Model", modelId, "modelId");
        }
        if (model.deleted()) {
            throw new ConflictException("modelId", "Model '" + modelId + "' is deleted; it cannot be deployed");
        }
        return model;
    }

    /**
     * The version named by {@code version} or {@code alias} (exactly one), once the caller holds {@code needed} on
     * the project it was trained in (a project hidden from the caller answers 404 like an unknown version), and
     * once it can be served: flavor dl4j or spark-ml, a signature, its artifact in the store.
     */
    ServedVersion resolve(CairnPrincipal caller, String modelId, Integer version, String alias, ProjectRole needed) {
        if (version != null && alias != null) {
            throw new InvalidInputException("alias", "Give version or alias, not both");
        }
        if (version == null && (alias == null || alias.isBlank())) {
            throw new InvalidInputException("version", "version or alias is required");
        }
        String field = version != null ? "version" : "alias";
        ModelView.Version resolved;
        try {
            resolved = version != null ? models.version(caller.tenantId(), modelId, version)
                    : models.versionByAlias(caller.tenantId(), modelId, alias);
        } catch (NotFoundException e) {
            throw version != null ? new NotFoundException("Model version", ModelVersionId.of(modelId, version), field)
                    : new NotFoundException("Alias", alias, field);
        }
        policy.requireOnProject(caller, resolved.projectId(), needed,
                () -> new NotFoundException("Model version", resolved.id(), field));
        if (ModelFlavor.GENERIC.label().equals(resolved.flavor())) {
            throw new ConflictException(field, "Version " + resolved.version() + " has the flavor generic, which no "
                    + "model server loads; register the model as dl4j or spark-ml to deploy it");
        }
        if (resolved.signature() == null) {
            throw new ConflictException(field, "Version " + resolved.version() + " has no signature; the model server "
                    + "needs one to validate scoring requests");
        }
        try (InputStream ignored = artifacts.open(caller.tenantId(), resolved.artifactSha256())) {
            return new ServedVersion(resolved.version(), version != null ? null : alias, resolved.artifactSha256());
        } catch (IOException e) {
            throw new ConflictException(field, "The artifact of version " + resolved.version() + " (sha256 "
                    + resolved.artifactSha256() + ") is missing from the artifact store; it cannot be deployed");
        }
    }

    /** The project the version was trained in: a deployment belongs to it. */
    String projectOf(String tenantId, String modelId, int version) {
        return models.version(tenantId, modelId, version).projectId();
    }
}
