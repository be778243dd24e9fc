package io.cairn.modelserver;

import static io.cairn.modelserver.HttpCalls.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model server fetching its model through the backend's public API (a stand-in serving the documented
 * shapes; the end-to-end run against the real backend belongs to e2e-tests): resolution by id, name and alias,
 * both kinds of credential, digest verification, and reuse of a verified download.
 */
class BackendClientTest {

    @TempDir
    static Path dir;

    static FakeBackend backend;
    static MultiLayerNetwork mlp;
    static String sha256;

    @BeforeAll
    static void registerModel() throws Exception {
        mlp = ModelMother.trainedMlp();
        Path zip = ModelMother.save(mlp, dir.resolve("mlp.zip"));
        byte[] content = Files.readAllBytes(zip);
        sha256 = ArtifactFiles.sha256(zip);
        backend = new FakeBackend();
        backend.model("m-iris", "iris", Map.of("champion", 2),
                backend.version(1, "run-1", "model/first model.zip", content, sha256, "dl4j",
                        ModelMother.irisSignature()),
                backend.version(2, "run-2", "model/model.zip", content, sha256, "dl4j", ModelMother.irisSignature()));
        backend.model("m-tampered", "tampered", Map.of(),
                backend.version(1, "run-3", "model.zip", content, "0".repeat(64), "dl4j", ModelMother.irisSignature()));
        backend.model("m-empty", "empty", Map.of());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static BackendClient withPat() {
        return new BackendClient(backend.url(), new BackendClient.Credentials(FakeBackend.PAT, null, null), "acme");
    }

    @Test
    void aVersionFetchedWithATokenIsVerifiedAndServed() throws Exception {
        Path work = dir.resolve("pat");
        ServerConfig config = ServerConfig.defaults(work).withPort(0);
        try (ModelServer server = ModelServer.start(config, () -> withPat().load(
                new BackendClient.ModelRef("m-iris", 1, null), work))) {
            server.awaitReady(Duration.ofMinutes(1));
            HttpCalls calls = new HttpCalls(server.port());
            double[][] features = ModelMother.features(5, 8);
            JsonNode response = calls.score(rows(ModelMother.keyedRows(features))).json();

            INDArray expected = mlp.output(ModelMother.matrix(features));
            for (int r = 0; r < features.length; r++) {
                assertThat((float) response.get("predictions").get(r).get("versicolor").doubleValue())
                        .isEqualTo(expected.getFloat(r, 1));
            }
            assertThat(response.get("model").get("modelId").asText()).isEqualTo("m-iris");
            assertThat(response.get("model").get("name").asText()).isEqualTo("iris");
            assertThat(response.get("model").get("version").asInt()).isEqualTo(1);
            assertThat(calls.get("/v1/model").json().get("artifactSha256").asText()).isEqualTo(sha256);
        }
        assertThat(work.resolve("artifacts").resolve(sha256)).exists();
        assertThat(backend.requests).contains("GET /api/v1/runs/run-1/artifacts/model/first model.zip");
        assertThat(backend.organizations).contains("acme");
    }

    @Test
    void aModelIsFoundByNameAndAnAliasWithClientCredentials() {
        BackendClient client = new BackendClient(backend.url(),
                new BackendClient.Credentials(null, FakeBackend.CLIENT_ID, FakeBackend.CLIENT_SECRET), null);
        LoadedModel loaded = client.load(new BackendClient.ModelRef("iris", null, "champion"), dir.resolve("cc"));

        assertThat(loaded.info().modelId()).isEqualTo("m-iris");
        assertThat(loaded.info().version()).isEqualTo(2);
        assertThat(loaded.info().flavor()).isEqualTo("dl4j");
        assertThat(loaded.signature()).isEqualTo(ModelMother.irisSignature());
        assertThat(backend.requests).contains("POST /oauth2/token", "GET /api/v1/models/m-iris/aliases/champion");
    }

    @Test
    void withoutVersionOrAliasTheLatestVersionIsServed() {
        LoadedModel loaded = withPat().load(new BackendClient.ModelRef("iris", null, null), dir.resolve("latest"));
        assertThat(loaded.info().version()).isEqualTo(2);
    }

    @Test
    void aVerifiedDownloadIsReusedAfterARestart() {
        Path work = dir.resolve("reuse");
        withPat().load(new BackendClient.ModelRef("m-iris", 2, null), work);
        String download = "GET /api/v1/runs/run-2/artifacts/model/model.zip";
        long downloads = backend.requests.stream().filter(download::equals).count();
        withPat().load(new BackendClient.ModelRef("m-iris", 2, null), work);
        assertThat(backend.requests.stream().filter(download::equals).count()).isEqualTo(downloads);
    }

    @Test
    void anArtifactWhoseDigestDiffersFromTheRegistrysIsRefused() {
        Path work = dir.resolve("tampered");
        assertThatThrownBy(() -> withPat().load(new BackendClient.ModelRef("tampered", null, null), work))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("SHA-256 is " + sha256)
                .hasMessageContaining("refusing to serve it");
        assertThat(work.resolve("artifacts")).isEmptyDirectory();
    }

    @Test
    void unknownModelsVersionsAliasesAndCredentialsAreExplained() {
        Path work = dir.resolve("unknown");
        assertThatThrownBy(() -> withPat().load(new BackendClient.ModelRef("nope", null, null), work))
                .hasMessageContaining("No model with id or name 'nope'");
        assertThatThrownBy(() -> withPat().load(new BackendClient.ModelRef("iris", 9, null), work))
                .hasMessageContaining("404 for the model version");
        assertThatThrownBy(() -> withPat().load(new BackendClient.ModelRef("iris", null, "challenger"), work))
                .hasMessageContaining("404 for alias 'challenger'");
        assertThatThrownBy(() -> withPat().load(new BackendClient.ModelRef("empty", null, null), work))
                .hasMessageContaining("has no versions");
        BackendClient revoked = new BackendClient(backend.url(), new BackendClient.Credentials("cairn_pat_revoked",
                null, null), null);
        assertThatThrownBy(() -> revoked.load(new BackendClient.ModelRef("iris", null, null), work))
                .hasMessageContaining("the credential was refused").hasMessageContaining("Unknown or revoked token");
        BackendClient wrongSecret = new BackendClient(backend.url(), new BackendClient.Credentials(null,
                FakeBackend.CLIENT_ID, "wrong"), null);
        assertThatThrownBy(() -> wrongSecret.load(new BackendClient.ModelRef("iris", null, null), work))
                .hasMessageContaining("refused the client credentials (401)");
    }
}
