package io.cairn.run.command;

import io.cairn.common.error.InvalidInputException;
import io.cairn.common.validation.Inputs;
import io.cairn.run.api.EnvironmentSpec;
import io.cairn.run.api.RunSpec;
import io.cairn.run.api.MetricPoint;
import io.cairn.run.api.SourceArchiveGuard;
import io.cairn.run.api.SourceSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Input rules of the run context; each failure names the request field at fault. */
final class RunRules {

    static final int MAX_BATCH_POINTS = 1000;
    static final int MAX_PARAMS_PER_REQUEST = 100;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;
    static final int MAX_ARTIFACT_PATH_LENGTH = 1024;

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");
    private static final Pattern SHA256 = Pattern.compile("(sha256:)?[0-9a-f]{64}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY).*");
    private static final Pattern ARTIFACT_SEGMENT = Pattern.compile("[A-Za-z0-9_.\\- =+,@()\\[\\]]+");
    /** Ten years ahead of now is certainly a client bug (a timestamp in microseconds, say). */
    private static final long MAX_CLOCK_SKEW_MS = 10L * 365 * 24 * 3600 * 1000;

    private RunRules() {
    }

    /** A run's source: well-formed, and its archive (when it names one) stored in the tenant's source archives. */
    static void requireSource(SourceSnapshot source, String tenantId, SourceArchiveGuard archives) {
        requireSource(source);
        if (source != null && source.archiveDigest() != null) {
            archives.requireArchive(tenantId, source.archiveDigest(), "source.archiveDigest");
        }
    }

    /**
     * A submitted run's source: as any run's, and a git repository without an archive needs the commit the agent
     * checks out (a branch's head would differ between attempts).
     */
    static void requireSubmittedSource(SourceSnapshot source, String tenantId, SourceArchiveGuard archives) {
        requireSource(source, tenantId, archives);
        if (source != null && source.gitRepo() != null && source.gitCommit() == null && source.archiveDigest() == null) {
            throw new InvalidInputException("source.gitCommit", "A submitted run that names a gitRepo (and no "
                    + "archiveDigest) needs the gitCommit the agent checks out");
        }
    }

    static void requireSource(SourceSnapshot source) {
        if (source == null) {
            return;
        }
        Inputs.requireMaxLength("source.gitRepo", source.gitRepo(), 2048);
        if (source.gitCommit() != null && !COMMIT.matcher(source.gitCommit()).matches()) {
            throw new InvalidInputException("source.gitCommit", "gitCommit must be 7 to 64 lower-case hex characters");
        }
        if (source.archiveDigest() != null && !SHA256.matcher(source.archiveDigest()).matches()) {
            throw new InvalidInputException("source.archiveDigest", "archiveDigest must be a SHA-256 in lower-case hex");
        }
    }

    static void requireEnvironment(EnvironmentSpec environment) {
        if (environment == null) {
            return;
        }
        Inputs.requireMaxLength("environment.runtime", environment.runtime(), 250);
        Inputs.requireMaxLength("environment.image", environment.image(), 1024);
        List<String> dependencies = environment.dependencies() == null ? List.of() : environment.dependencies();
        if (dependencies.size() > 5000) {
            throw new InvalidInputException("environment.dependencies", "At most 5000 dependencies are recorded");
        }
        for (int i = 0; i < dependencies.size(); i++) {
            if (dependencies.get(i) == null || dependencies.get(i).isBlank()) {
                throw new InvalidInputException("environment.dependencies[" + i + "]", "A dependency must not be blank");
            }
            Inputs.requireMaxLength("environment.dependencies[" + i + "]", dependencies.get(i), 500);
        }
        Map<String, String> variables = environment.variables() == null ? Map.of() : environment.variables();
        variables.forEach((name, value) -> {
            String field = "environment.variables." + name;
            if (SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches()) {
                throw new InvalidInputException(field, "Variable '" + name + "' looks like a secret; environment specs "
                        + "are stored in the immutable event log, so pass secrets to the run another way");
            }
            Inputs.requireMaxLength(field, value, 8000);
        });
        EnvironmentSpec.Resources resources = environment.resources();
        if (resources != null) {
            if (resources.cpu() != null && !(resources.cpu() > 0 && resources.cpu() <= 1024)) {
                throw new InvalidInputException("environment.resources.cpu", "cpu must be between 0 and 1024 cores");
            }
            if (resources.memoryMb() != null && resources.memoryMb() <= 0) {
                throw new InvalidInputException("environment.resources.memoryMb", "memoryMb must be positive");
            }
            if (resources.gpu() != null && resources.gpu() < 0) {
                throw new InvalidInputException("environment.resources.gpu", "gpu must not be negative");
            }
        }
    }

    /** A submitted run's spec, with its kind defaulted to the target's (and required to match it). */
    static RunSpec requireSpec(RunSpec spec, String targetKind) {
        if (spec == null) {
            throw new InvalidInputException("spec", "A run spec is required");
        }
        String kind = spec.kind() == null ? targetKind : spec.kind();
        if (!kind.equals(targetKind)) {
            throw new InvalidInputException("spec.kind", "The target runs '" + targetKind + "' runs, not '" + kind + "'");
        }
        if (spec.entrypoint() == null || spec.entrypoint().isBlank()) {
            throw new InvalidInputException("spec.entrypoint", "An entrypoint is required (for 'process': a command line)");
        }
        Inputs.requireMaxLength("spec.entrypoint", spec.entrypoint(), 100_000);
        if (spec.parameters() != null && !spec.parameters().isEmpty()) {
            try {
                requireParams(spec.parameters());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("spec." + e.field().replaceFirst("^params", "parameters"), e.getMessage());
            }
        }
        if (spec.environment() != null) {
            try {
                requireEnvironment(spec.environment());
            } catch (InvalidInputException e) {
                throw new InvalidInputException("spec." + e.field(), e.getMessage());
            }
        }
        if (spec.timeoutSeconds() != null && spec.timeoutSeconds() <= 0) {
            throw new InvalidInputException("spec.timeoutSeconds", "timeoutSeconds must be positive");
        }
        return new RunSpec(kind, spec.entrypoint(), spec.parameters() == null ? Map.of() : Map.copyOf(spec.parameters()),
                spec.environment(), spec.inputs() == null ? List.of() : List.copyOf(spec.inputs()), spec.maxAttempts(),
                spec.timeoutSeconds());
    }

    static void requireParams(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            throw new InvalidInputException("params", "params must contain at least one entry");
        }
        if (params.size() > MAX_PARAMS_PER_REQUEST) {
            throw new InvalidInputException("params", "At most " + MAX_PARAMS_PER_REQUEST + " params per request");
        }
        params.forEach((key, value) -> {
            Inputs.requireKey("params." + key, key);
            if (value == null) {
                throw new InvalidInputException("params." + key, "Param value must not be null");
            }
            Inputs.requireMaxLength("params." + key, value, MAX_PARAM_VALUE_LENGTH);
        });
    }

    static void requirePoints(List<MetricPoint> points, long now) {
        if (points == null || points.isEmpty()) {
            throw new InvalidInputException("points", "A batch needs at least one point");
        }
        if (points.size() > MAX_BATCH_POINTS) {
            throw new InvalidInputException("points", "A batch holds at most " + MAX_BATCH_POINTS + " points; got "
                    + points.size());
        }
        Set<String> validKeys = new HashSet<>();
        for (int i = 0; i < points.size(); i++) {
            MetricPoint point = points.get(i);
            if (point == null) {
                throw new InvalidInputException("points[" + i + "]", "A point must not be null");
            }
            if (point.key() == null || !validKeys.contains(point.key())) {
                Inputs.requireKey("points[" + i + "].key", point.key());
                validKeys.add(point.key());
            }
            if (point.timestamp() <= 0 || point.timestamp() > now + MAX_CLOCK_SKEW_MS) {
                throw new InvalidInputException("points[" + i + "].timestamp",
                        "timestamp must be epoch milliseconds; got " + point.timestamp());
            }
        }
    }

    static String requireArtifactPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException("path", "An artifact path is required, e.g. model/model.zip");
        }
        if (path.length() > MAX_ARTIFACT_PATH_LENGTH) {
            throw new InvalidInputException("path", "An artifact path has at most " + MAX_ARTIFACT_PATH_LENGTH + " characters");
        }
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidInputException("path", "Artifact path '" + Inputs.abbreviate(path)
                        + "' must be relative, without empty, '.' or '..' segments");
            }
            if (!ARTIFACT_SEGMENT.matcher(segment).matches()) {
                throw new InvalidInputException("path", "Artifact path '" + Inputs.abbreviate(path)
                        + "' may only contain letters, digits, spaces and _ . - = + , @ ( ) [ ]");
            }
        }
        return path;
    }
}
