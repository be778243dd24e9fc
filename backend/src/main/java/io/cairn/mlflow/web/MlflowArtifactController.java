package io.cairn.mlflow.web;

import io.cairn.common.error.NotFoundException;
import io.cairn.project.api.ProjectRole;
import io.cairn.run.query.ArtifactView;
import io.cairn.run.query.RunReadModel;
import io.cairn.run.query.RunView;
import io.cairn.run.web.RunAccess;
import io.cairn.run.web.RunArtifacts;
import io.cairn.tenancy.CairnPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * MLflow's artifact listing ({@code artifacts/list}) and its artifact proxy
 * ({@code /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>}, the resolved form of a run's
 * {@code mlflow-artifacts:/} URI) over Cairn's artifact store: an upload is a Cairn artifact of the run, a download
 * serves it, a listing shows one directory level. Roles are the run's project's (upload EDITOR, read VIEWER).
 */
@RestController
public class MlflowArtifactController {

    private static final String PROXY = "/2.0/mlflow-artifacts/artifacts";

    private final RunReadModel runs;
    private final RunAccess access;
    private final RunArtifacts artifacts;

    MlflowArtifactController(RunReadModel runs, RunAccess access, RunArtifacts artifacts) {
        this.runs = runs;
        this.access = access;
        this.artifacts = artifacts;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FileInfo(String path, boolean isDir, Long fileSize) {
    }

    /** The run's artifacts directly under {@code path} (its root when absent), paths relative to the run's root. */
    @GetMapping({"/api/2.0/mlflow/artifacts/list", "/ajax-api/2.0/mlflow/artifacts/list"})
    Map<String, Object> list(HttpServletRequest http) {
        WireRequest request = WireRequest.ofQuery(http.getParameterMap());
        String runId = request.requireString("run_id", "run_uuid");
        String dir = trimSlashes(request.optString("path"));
        CairnPrincipal caller = access.caller(runId, ProjectRole.VIEWER);
        RunView run = runs.get(caller.tenantId(), runId);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("root_uri", MlflowViews.artifactUri(run));
        response.put("files", children(runs.artifacts(caller.tenantId(), runId, dir.isEmpty() ? "" : dir + "/"), dir,
                true));
        return response;
    }

    @PutMapping({"/api" + PROXY + "/{*path}", "/ajax-api" + PROXY + "/{*path}"})
    Map<String, Object> upload(@PathVariable String path, HttpServletRequest http) throws IOException {
        ProxyPath target = ProxyPath.parse(path);
        if (target.artifactPath().isEmpty()) {
            throw MlflowException.invalid("An artifact upload needs a file path after '" + target.runId() + "/artifacts/'");
        }
        CairnPrincipal caller = access.caller(target.runId(), ProjectRole.EDITOR);
        target.requireExperiment(runs.get(caller.tenantId(), target.runId()));
        artifacts.upload(caller, target.runId(), target.artifactPath(), http);
        return Map.of();
    }

    /**
     * A file, or with no path (the proxy's list call, {@code ?path=<experiment>/<run>/artifacts[/<dir>]}) one
     * directory level, paths relative to the listed directory.
     */
    @GetMapping({"/api" + PROXY + "/{*path}", "/ajax-api" + PROXY + "/{*path}"})
    Object download(@PathVariable String path, HttpServletRequest http) throws IOException {
        if (trimSlashes(path).isEmpty()) {
            ProxyPath target = ProxyPath.parse(WireRequest.ofQuery(http.getParameterMap()).requireString("path"));
            CairnPrincipal caller = access.caller(target.runId(), ProjectRole.VIEWER);
            target.requireExperiment(runs.get(caller.tenantId(), target.runId()));
            String dir = target.artifactPath();
            return Map.of("files", children(runs.artifacts(caller.tenantId(), target.runId(),
                    dir.isEmpty() ? "" : dir + "/"), dir, false));
        }
        ProxyPath target = ProxyPath.parse(path);
        CairnPrincipal caller = access.caller(target.runId(), ProjectRole.VIEWER);
        target.requireExperiment(runs.get(caller.tenantId(), target.runId()));
        ResponseEntity<?> file = artifacts.download(caller, target.runId(), target.artifactPath());
        return file;
    }

    /** Files and directories one level below {@code dir}, among artifacts whose paths start with it. */
    private static List<FileInfo> children(List<ArtifactView> below, String dir, boolean fromRoot) {
        int skip = dir.isEmpty() ? 0 : dir.length() + 1;
        List<FileInfo> files = new ArrayList<>();
        Set<String> dirs = new LinkedHashSet<>();
        for (ArtifactView artifact : below) {
            String rest = artifact.path().substring(skip);
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            String shown = fromRoot && !dir.isEmpty() ? dir + "/" + name : name;
            if (slash >= 0) {
                if (dirs.add(shown)) {
                    files.add(new FileInfo(shown, true, null));
                }
            } else {
                files.add(new FileInfo(shown, false, artifact.size()));
            }
        }
        return files;
    }

    private static String trimSlashes(String path) {
        String trimmed = path == null ? "" : path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** {@code <experiment>/<run>/artifacts[/<path>]}: where a run's {@code mlflow-artifacts:/} URI points. */
    record ProxyPath(String experimentId, String runId, String artifactPath) {

        static ProxyPath parse(String raw) {
            String[] parts = trimSlashes(raw).split("/", 4);
            if (parts.length < 3 || !parts[2].equals("artifacts") || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw MlflowException.invalid("Artifact path '" + raw + "' must be <experiment_id>/<run_id>/artifacts/"
                        + "<path>, as in the run's artifact_uri");
            }
            return new ProxyPath(parts[0], parts[1], parts.length == 4 ? trimSlashes(parts[3]) : "");
        }

        void requireExperiment(RunView run) {
            if (!run.projectId().equals(experimentId)) {
                throw new NotFoundException("Run", runId);
            }
        }
    }
}
