package io.cairn.run.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArtifactApiTest extends ApiTestBase {

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void uploadsListsAndDownloadsByteForByte() throws Exception {
        String runId = createRun(admin, createProject(admin));
        byte[] model = randomBytes(3 * 1024 * 1024 + 17);
        Api.Response stored = admin.put("/api/v1/runs/" + runId + "/artifacts/model/model.zip", model);
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        assertThat(stored.get("/path")).isEqualTo("model/model.zip");
        assertThat(stored.get("/sha256")).isEqualTo(sha256(model));
        assertThat(stored.get("/size")).isEqualTo(String.valueOf(model.length));
        admin.put("/api/v1/runs/" + runId + "/artifacts/metrics.json", "{}".getBytes());

        Api.Response list = admin.get("/api/v1/runs/" + runId + "/artifacts");
        assertThat(list.json().get("artifacts")).hasSize(2);
        assertThat(list.get("/artifacts/0/path")).isEqualTo("metrics.json");
        assertThat(admin.get("/api/v1/runs/" + runId + "/artifacts?prefix=model/").json().get("artifacts")).hasSize(1);

        HttpResponse<byte[]> download = admin.download("/api/v1/runs/" + runId + "/artifacts/model/model.zip");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(model);
        assertThat(download.headers().firstValue("ETag")).contains("\"" + sha256(model) + "\"");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");

        Api.Response run = admin.get("/api/v1/runs/" + runId);
        assertThat(run.get("/artifacts/count")).isEqualTo("2");
        assertThat(run.get("/artifacts/totalSize")).isEqualTo(String.valueOf(model.length + 2));

        Path blob = dataDir().resolve("artifacts/default/sha256").resolve(sha256(model).substring(0, 2))
                .resolve(sha256(model).substring(2, 4)).resolve(sha256(model));
        assertThat(blob).exists().hasSize(model.length);
    }

    @Test
    void uploadsSentAsFormDataByCurlAreStoredRaw() throws Exception {
        String runId = createRun(admin, createProject(admin));
        byte[] content = randomBytes(10_000);
        Api.Response stored = admin.withHeader("Content-Type", "application/x-www-form-urlencoded")
                .put("/api/v1/runs/" + runId + "/artifacts/weights.bin", HttpRequest.BodyPublishers.ofByteArray(content));
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        assertThat(stored.get("/sha256")).isEqualTo(sha256(content));
        assertThat(admin.download("/api/v1/runs/" + runId + "/artifacts/weights.bin").body()).isEqualTo(content);
        assertThat(admin.get("/api/v1/runs/" + runId + "/artifacts").get("/artifacts/0/contentType"))
                .isEqualTo("application/octet-stream");
    }

    @Test
    void oversizedUploadIsRefusedAndLeavesNothingBehind() throws Exception {
        String runId = createRun(admin, createProject(admin));
        Api.Response tooBig = assertProblem(admin.put("/api/v1/runs/" + runId + "/artifacts/big.bin",
                randomBytes(5 * 1024 * 1024)), 413);
        assertThat(tooBig.get("/detail")).contains("exceeds the limit");
        Api.Response streamed = assertProblem(admin.put("/api/v1/runs/" + runId + "/artifacts/big.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(randomBytes(5 * 1024 * 1024)))),
                413);
        assertThat(streamed.get("/field")).isEqualTo("body");
        assertThat(admin.get("/api/v1/runs/" + runId + "/artifacts").json().get("artifacts")).isEmpty();
        try (Stream<Path> leftovers = Files.list(dataDir().resolve("artifacts/.incoming"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void badPathsAndStatesAreRefused() {
        String runId = createRun(admin, createProject(admin));
        assertThat(assertProblem(admin.put("/api/v1/runs/" + runId + "/artifacts/a/b*c.txt", new byte[1]), 400).get("/field"))
                .isEqualTo("path");
        assertProblem(admin.put("/api/v1/runs/" + runId + "/artifacts/a//b.txt", new byte[1]), 400);
        assertProblem(admin.put("/api/v1/runs/" + runId + "/artifacts/a/%2E%2E/b.txt", new byte[1]), 400);
        assertProblem(admin.put("/api/v1/runs/no-such-run/artifacts/x.txt", new byte[1]), 404);
        assertProblem(admin.get("/api/v1/runs/" + runId + "/artifacts/missing.txt"), 404);
        admin.post("/api/v1/runs/" + runId + "/finish", Map.of("status", "FAILED"));
        assertProblem(admin.put("/api/v1/runs/" + runId + "/artifacts/late.txt", new byte[1]), 409);
    }

    @Test
    void anotherTenantCannotReadOrWriteArtifacts() {
        String runId = createRun(admin, createProject(admin));
        admin.put("/api/v1/runs/" + runId + "/artifacts/secret.txt", "top secret".getBytes());
        Api eve = userOf(unique("evil-corp"));
        assertProblem(eve.get("/api/v1/runs/" + runId + "/artifacts"), 404);
        assertProblem(eve.get("/api/v1/runs/" + runId + "/artifacts/secret.txt"), 404);
        assertProblem(eve.put("/api/v1/runs/" + runId + "/artifacts/secret.txt", "overwritten".getBytes()), 404);
        assertThat(new String(admin.download("/api/v1/runs/" + runId + "/artifacts/secret.txt").body()))
                .isEqualTo("top secret");
    }
}
