package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @Test
    void optionsWinOverEnvironmentVariables() {
        AgentConfig config = AgentConfig.from(new String[] {"--url=http://cairn:8080/", "--targets=a, b",
                "--lease-ttl-seconds=9"}, Map.of("CAIRN_URL", "http://ignored", "CAIRN_CLIENT_ID", "sa-x",
                "CAIRN_CLIENT_SECRET", "s3cret", "CAIRN_NAME", "gpu-1"));
        assertThat(config.url().toString()).isEqualTo("http://cairn:8080");
        assertThat(config.targets()).isEqualTo(List.of("a", "b"));
        assertThat(config.name()).isEqualTo("gpu-1");
        assertThat(config.clientSecret()).isEqualTo("s3cret");
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.maxParallel()).isEqualTo(1);
        assertThat(config.kinds()).isEmpty();
    }

    @Test
    void executorsReadTheirOwnOptionsWithoutTheirValuesBeingPrinted() {
        AgentConfig config = AgentConfig.from(new String[] {"--url=http://c", "--targets=t", "--token-file=/dev/null",
                "--kube-image=python:3.12", "--kube-master= "}, Map.of("CAIRN_KUBE_NAMESPACE", "ml",
                "CAIRN_KUBE_IMAGE", "ignored"));
        assertThat(config.option("kube-image")).isEqualTo("python:3.12");
        assertThat(config.option("kube-namespace")).isEqualTo("ml");
        assertThat(config.option("kube-master")).isNull();
        assertThat(config.option("kube-config")).isNull();
        assertThat(config.options().toString()).contains("kube-image").doesNotContain("python", "ml");
    }

    @Test
    void kindsRestrictTheExecutorsOnTheClassPath() {
        AgentConfig config = AgentConfig.from(new String[] {"--url=http://c", "--targets=t", "--token-file=/dev/null",
                "--kinds=process"}, Map.of());
        assertThat(config.kinds()).isEqualTo(List.of("process"));
        assertThat(RunExecutor.discover(config.kinds())).containsOnlyKeys("process");
        assertThat(RunExecutor.discover(List.of())).containsKey("process");
        assertThatThrownBy(() -> RunExecutor.discover(List.of("spark")))
                .hasMessageContaining("No executor of kind 'spark'").hasMessageContaining("process");
    }

    @Test
    void aTokenFileOrASecretFileIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("token"), "cairn_pat_abc\n");
        Files.writeString(dir.resolve("secret"), "from-file\n");
        assertThat(AgentConfig.from(new String[] {"--url=http://c", "--targets=t", "--token-file=" + dir.resolve("token")},
                Map.of()).token()).isEqualTo("cairn_pat_abc");
        assertThat(AgentConfig.from(new String[] {"--url=http://c", "--targets=t", "--client-id=sa",
                "--client-secret-file=" + dir.resolve("secret")}, Map.of()).clientSecret()).isEqualTo("from-file");
    }

    @Test
    void missingSettingsAreNamed() {
        assertThatThrownBy(() -> AgentConfig.from(new String[] {"--targets=t"}, Map.of()))
                .hasMessageContaining("--url");
        assertThatThrownBy(() -> AgentConfig.from(new String[] {"--url=http://c"}, Map.of()))
                .hasMessageContaining("--targets");
        assertThatThrownBy(() -> AgentConfig.from(new String[] {"--url=http://c", "--targets=t"}, Map.of()))
                .hasMessageContaining("--client-id");
        assertThatThrownBy(() -> AgentConfig.from(new String[] {"url"}, Map.of())).hasMessageContaining("--key=value");
    }
}
