package io.cairn.run.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.support.Api;
import io.cairn.support.ApiTestBase;
import io.cairn.support.ComputeSteps;
import io.cairn.support.SourceZips;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Source archives: {@code PUT /sources/{sha256}}, runs naming them, and {@code GET /runs/{id}/source/archive}. */
class SourceArchiveApiTest extends ApiTestBase {

    private static final byte[] ARCHIVE = SourceZips.zip(Map.of("train.sh", "echo training\n"));
    private static final String SHA = SourceZips.sha256(ARCHIVE);

    private static Map<String, Object> archived(String digest) {
        return Map.of("archiveDigest", digest);
    }

    @Test
    void anUploadIsIdempotentAndTheRunNamingItReadsItBack() throws Exception {
        byte[] zip = SourceZips.zip(Map.of("train.sh", "echo " + unique("v") + "\n"));
        String sha = SourceZips.sha256(zip);
        Api.Response created = admin.put("/api/v1/sources/" + sha, zip);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/sources/" + sha);
        assertThat(created.get("/sha256")).isEqualTo(sha);
        assertThat(created.get("/size")).isEqualTo(String.valueOf(zip.length));
        Api.Response again = admin.put("/api/v1/sources/" + sha, zip);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(admin.get("/api/v1/sources/" + sha).get("/size")).isEqualTo(String.valueOf(zip.length));
        assertThat(dataDir().resolve("sources/default/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4))
                .resolve(sha)).hasBinaryContent(zip);

        Api.Response run = admin.post("/api/v1/runs", Map.of("projectId", createProject(admin), "source",
                Map.of("gitRepo", "https://git.example.com/churn.git", "gitCommit", "4f2a9c1d", "archiveDigest",
                        "sha256:" + sha)));
        assertThat(run.status()).as(run.text()).isEqualTo(201);
        assertThat(run.get("/source/archiveDigest")).isEqualTo("sha256:" + sha);

        HttpResponse<byte[]> download = admin.download("/api/v1/runs/" + run.get("/id") + "/source/archive");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(zip);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(download.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment").contains("source-" + sha.substring(0, 12) + ".zip");
    }

    @Test
    void aBodyWhoseDigestIsNotThePathsIsRefusedAndNothingIsStored() {
        byte[] zip = SourceZips.zip(Map.of("train.sh", "echo " + unique("other") + "\n"));
        String claimed = "0".repeat(64);
        Api.Response refused = assertProblem(admin.put("/api/v1/sources/" + claimed, zip), 400);
        assertThat(refused.get("/field")).isEqualTo("body");
        assertThat(refused.get("/detail")).isEqualTo("The body's SHA-256 is " + SourceZips.sha256(zip) + ", not "
                + claimed + "; nothing was stored");
        assertProblem(admin.get("/api/v1/sources/" + claimed), 404);
        assertProblem(admin.get("/api/v1/sources/" + SourceZips.sha256(zip)), 404);
    }

    @Test
    void aMalformedDigestOrABodyThatIsNoZipIsRefused() {
        assertThat(assertProblem(admin.put("/api/v1/sources/ABC", ARCHIVE), 400).get("/field")).isEqualTo("sha256");
        assertThat(assertProblem(admin.put("/api/v1/sources/" + SHA.toUpperCase(), ARCHIVE), 400).get("/field"))
                .isEqualTo("sha256");
        byte[] tarGz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
        Api.Response gzip = assertProblem(admin.put("/api/v1/sources/" + SourceZips.sha256(tarGz), tarGz), 400);
        assertThat(gzip.get("/field")).isEqualTo("body");
        assertThat(gzip.get("/detail")).contains("gzip-compressed").contains("zip files");
        byte[] text = "echo not an archive".getBytes();
        assertThat(assertProblem(admin.put("/api/v1/sources/" + SourceZips.sha256(text), text), 400).get("/detail"))
                .startsWith("The body is not a zip archive");
    }

    @Test
    void runsAndSubmissionsNamingAnArchiveThatIsNotStoredAreRefused() {
        String project = createProject(admin);
        String missing = "sha256:" + "e".repeat(64);
        Api.Response run = assertProblem(admin.post("/api/v1/runs", Map.of("projectId", project, "source",
                archived(missing))), 404);
        assertThat(run.get("/field")).isEqualTo("source.archiveDigest");
        assertThat(run.get("/detail")).isEqualTo("Source archive '" + missing + "' not found");

        String target = new ComputeSteps(port).createTarget(admin, unique("target"));
        Map<String, Object> spec = Map.of("entrypoint", "sh train.sh");
        Api.Response submitted = assertProblem(admin.post("/api/v1/compute/targets/" + target + "/runs",
                Map.of("projectId", project, "source", archived(missing), "spec", spec)), 404);
        assertThat(submitted.get("/field")).isEqualTo("source.archiveDigest");
        Api.Response commitless = assertProblem(admin.post("/api/v1/compute/targets/" + target + "/runs",
                Map.of("projectId", project, "source", Map.of("gitRepo", "file:///srv/git/churn.git"), "spec", spec)), 400);
        assertThat(commitless.get("/field")).isEqualTo("source.gitCommit");

        SourceZips.upload(admin, ARCHIVE);
        Api.Response accepted = admin.post("/api/v1/compute/targets/" + target + "/runs",
                Map.of("projectId", project, "source", archived(SHA), "spec", spec));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
        assertThat(admin.get("/api/v1/runs/" + accepted.get("/runId")).get("/source/archiveDigest")).isEqualTo(SHA);
    }

    @Test
    void anotherOrganizationsArchiveIsNotFound() {
        SourceZips.upload(admin, ARCHIVE);
        String runId = admin.post("/api/v1/runs", Map.of("projectId", createProject(admin), "source", archived(SHA)))
                .get("/id");
        Api other = ownerOf(unique("other"));

        assertProblem(other.get("/api/v1/sources/" + SHA), 404);
        Api.Response run = assertProblem(other.post("/api/v1/runs", Map.of("projectId", createProject(other), "source",
                archived(SHA))), 404);
        assertThat(run.get("/field")).isEqualTo("source.archiveDigest");
        assertProblem(other.get("/api/v1/runs/" + runId + "/source/archive"), 404);
    }

    @Test
    void auditorsCannotUploadAndOnlyThoseWhoMayReadTheRunReadItsArchive() {
        String org = unique("sources");
        Api owner = ownerOf(org);
        String project = createProject(owner);
        SourceZips.upload(owner, ARCHIVE);
        String runId = owner.post("/api/v1/runs", Map.of("projectId", project, "source", archived(SHA))).get("/id");
        String plainRun = createRun(owner, project);

        Api auditor = memberOf(org, "AUDITOR");
        assertThat(assertProblem(auditor.put("/api/v1/sources/" + SHA, ARCHIVE), 403).get("/detail"))
                .contains("only reads");
        assertThat(auditor.download("/api/v1/runs/" + runId + "/source/archive").body()).isEqualTo(ARCHIVE);

        Member viewer = newMember(org, "MEMBER");
        assertProblem(viewer.api().get("/api/v1/runs/" + runId + "/source/archive"), 404);
        grant(owner, project, "users", viewer.principalId(), "VIEWER");
        assertThat(viewer.api().download("/api/v1/runs/" + runId + "/source/archive").body()).isEqualTo(ARCHIVE);
        assertProblem(viewer.api().post("/api/v1/runs", Map.of("projectId", project, "source", archived(SHA))), 403);
        // a member uploads (it may create runs in projects of its own), the same content changes nothing
        assertThat(viewer.api().put("/api/v1/sources/" + SHA, ARCHIVE).status()).isEqualTo(200);

        Api.Response none = assertProblem(owner.get("/api/v1/runs/" + plainRun + "/source/archive"), 404);
        assertThat(none.get("/detail")).isEqualTo("Source archive of run '" + plainRun + "' not found");
    }
}
