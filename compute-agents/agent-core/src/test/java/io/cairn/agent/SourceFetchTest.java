package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The git side of a run's source (the archive side needs a backend: AgentProcessTest). */
class SourceFetchTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CairnClient offline = new CairnClient(AgentConfig.from(new String[] {"--url=http://127.0.0.1:1",
            "--targets=t", "--token-file=/dev/null"}, Map.of()));
    private final List<String> log = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void checksOutTheRunsCommitAndSaysSo() throws Exception {
        Path repo = repository();
        String first = commit(repo, "v1");
        commit(repo, "v2");
        Path work = Files.createDirectories(dir.resolve("attempt-1"));

        fetch("{\"gitRepo\": \"" + repo.toUri() + "\", \"gitCommit\": \"" + first.substring(0, 10) + "\", \"dirty\": true}")
                .into(work);

        assertThat(work.resolve("version.txt")).hasContent("v1");
        assertThat(log).containsExactly("source: checked out " + repo.toUri() + " at " + first
                        + " into the working directory",
                "source: the run's source was dirty (uncommitted changes); the checkout has the commit only");
    }

    @Test
    void anUnknownCommitFailsWithGitsReason() throws Exception {
        Path repo = repository();
        commit(repo, "v1");
        Path work = Files.createDirectories(dir.resolve("attempt-1"));

        assertThatThrownBy(() -> fetch("{\"gitRepo\": \"" + repo.toUri() + "\", \"gitCommit\": \"" + "0".repeat(40)
                + "\"}").into(work)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("git checkout " + "0".repeat(40) + " failed with exit code");
    }

    @Test
    void aRepositoryThatDoesNotExistFailsWithoutPrompting() throws Exception {
        Path work = Files.createDirectories(dir.resolve("attempt-1"));
        assertThatThrownBy(() -> fetch("{\"gitRepo\": \"" + dir.resolve("missing").toUri() + "\", \"gitCommit\": \"abcdef1\"}")
                .into(work)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("git clone " + dir.resolve("missing").toUri() + " failed with exit code 128");
    }

    @Test
    void aRunWithoutSourceHasNothingToFetch() {
        assertThat(new SourceFetch(offline, "r-1", null, log::add).present()).isFalse();
        assertThat(fetch("{\"dirty\": false}").present()).isFalse();
    }

    private SourceFetch fetch(String source) {
        return new SourceFetch(offline, "r-1", json.readTree(source), log::add);
    }

    private Path repository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Git.run(repo, "init", "--quiet");
        return repo;
    }

    private static String commit(Path repo, String version) throws Exception {
        Files.writeString(repo.resolve("version.txt"), version);
        Git.run(repo, "add", "version.txt");
        Git.run(repo, "commit", "--quiet", "-m", version);
        return Git.run(repo, "rev-parse", "HEAD").trim();
    }
}
