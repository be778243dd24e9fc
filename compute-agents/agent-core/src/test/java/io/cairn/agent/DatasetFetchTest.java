package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFetchTest {

    @Test
    void theContentMustHaveTheVersionsDigest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "a,b\n1,2\n");
        String sha256 = "sha256:4e8fbd8b4ab2c0e6bbd0c5b6c0d0b1dbd6e4a7a44ea42d2c4d37b0b1cb4b7a0f";
        assertThatThrownBy(() -> DatasetFetch.verify("d.v1", sha256, file))
                .hasMessageStartingWith("Dataset version d.v1: the content's digest is sha256:")
                .hasMessageEndingWith(", not " + sha256);
        assertThatCode(() -> DatasetFetch.verify("d.v1", "md5:" + md5(file), file)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DatasetFetch.verify("d.v1", "crc32:abcd", file))
                .hasMessageContaining("expected sha256:, sha512: or md5:");
    }

    private static String md5(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(Files.readAllBytes(file)));
    }
}
