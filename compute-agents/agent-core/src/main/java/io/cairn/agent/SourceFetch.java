package io.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Brings a run's source snapshot ({@code {"gitRepo", "gitCommit", "dirty", "archiveDigest"}}, the lease's
 * {@code source}) into the attempt's working directory before its process starts. The archive wins: a run naming
 * an {@code archiveDigest} gets it downloaded ({@code GET /runs/{id}/source/archive}, with the agent's token), its
 * SHA-256 checked and unpacked by {@link SafeUnzip}; only a run naming a {@code gitRepo} and no archive gets
 * {@code git clone} + {@code git checkout <gitCommit>} with the machine's {@code git}, which never prompts and is
 * stopped after {@value #GIT_TIMEOUT_MINUTES} minutes. Each step is reported through {@code log} (the run's
 * stderr); a failure is an {@link IllegalArgumentException} with the reason.
 */
final class SourceFetch {

    static final long GIT_TIMEOUT_MINUTES = 10;

    private final CairnClient client;
    private final String runId;
    private final JsonNode source;
    private final Consumer<String> log;
    private volatile Process git;
    private volatile boolean cancelled;

    SourceFetch(CairnClient client, String runId, JsonNode source, Consumer<String> log) {
        this.client = client;
        this.runId = runId;
        this.source = source == null ? MissingNode.getInstance() : source;
        this.log = log;
    }

    /** Whether the run names anything to materialise. */
    boolean present() {
        return text("archiveDigest") != null || text("gitRepo") != null;
    }

    /** Materialises the source into {@code workDir} (which exists and is empty). */
    void into(Path workDir) throws IOException, InterruptedException {
        String archive = text("archiveDigest");
        String repo = text("gitRepo");
        String commit = text("gitCommit");
        if (archive != null) {
            unpackArchive(archive, workDir);
            if (repo != null) {
                log.accept("source: the run also names " + repo + (commit == null ? "" : " at " + commit)
                        + "; the archive wins, nothing was cloned");
            }
            return;
        }
        checkout(repo, commit, workDir);
    }

    /** Stops a running git command; {@link #into} then fails. */
    void cancel() {
        cancelled = true;
        Process running = git;
        if (running != null) {
            ProcessExecution.destroyTree(running);
        }
    }

    private void unpackArchive(String digest, Path workDir) throws IOException {
        String sha256 = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        Path zip = workDir.resolveSibling(workDir.getFileName() + "-source.zip");
        try {
            try {
                client.download(client.url().resolve("/api/v1/runs/" + runId + "/source/archive"), zip);
            } catch (CairnClient.ApiException e) {
                throw new IllegalArgumentException("the archive sha256:" + sha256 + " could not be downloaded: "
                        + e.getMessage());
            }
            String actual = DatasetFetch.hex("SHA-256", zip);
            if (!actual.equals(sha256)) {
                throw new IllegalArgumentException("the downloaded archive's SHA-256 is " + actual + ", not the run's "
                        + sha256);
            }
            SafeUnzip.Unpacked unpacked;
            try {
                unpacked = SafeUnzip.unpack(zip, workDir);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the archive sha256:" + sha256 + " was refused: " + e.getMessage());
            }
            log.accept("source: unpacked the archive sha256:" + sha256 + " (" + unpacked.files() + " files, "
                    + unpacked.bytes() + " bytes) into the working directory");
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private void checkout(String repo, String commit, Path workDir) throws IOException, InterruptedException {
        if (commit == null) {
            git(workDir, "git clone " + repo, "clone", "--quiet", "--", repo, workDir.toString());
        } else {
            git(workDir, "git clone " + repo, "clone", "--quiet", "--no-checkout", "--", repo, workDir.toString());
            git(workDir, "git checkout " + commit, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach",
                    commit, "--");
        }
        String head = git(workDir, "git rev-parse HEAD", "rev-parse", "HEAD").trim();
        log.accept("source: checked out " + repo + " at " + head + " into the working directory");
        if (source.path("dirty").asBoolean(false)) {
            log.accept("source: the run's source was dirty (uncommitted changes); the checkout has the commit only");
        }
    }

    /** Runs {@code git <arguments>} in {@code workDir}; answers its output, or fails with it (as {@code what}). */
    private String git(Path workDir, String what, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new IllegalArgumentException("git could not be started (is it installed on the agent's machine?): "
                    + e.getMessage());
        }
        git = started;
        if (cancelled) {
            ProcessExecution.destroyTree(started);
        }
        StringBuilder output = new StringBuilder();
        Thread reader = Agent.daemon("git-" + runId, () -> {
            try (InputStream in = started.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ended) {
                // destroyed
            }
        });
        boolean exited = started.waitFor(GIT_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!exited) {
            ProcessExecution.destroyTree(started);
        }
        started.waitFor();
        reader.join(Duration.ofSeconds(5).toMillis());
        git = null;
        if (cancelled) {
            throw new IllegalArgumentException(what + " was stopped: the run was cancelled");
        }
        if (!exited) {
            throw new IllegalArgumentException(what + " did not end within " + GIT_TIMEOUT_MINUTES + " minutes");
        }
        if (started.exitValue() != 0) {
            String said = output.toString().strip().replaceAll("\\s*\\R\\s*", " ");
            throw new IllegalArgumentException(what + " failed with exit code " + started.exitValue() + ": "
                    + (said.length() > 600 ? said.substring(0, 600) + "…" : said));
        }
        return output.toString();
    }

    private String text(String field) {
        JsonNode value = source.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }
}
