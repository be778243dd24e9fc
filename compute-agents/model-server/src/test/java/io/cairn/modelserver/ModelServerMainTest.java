package io.cairn.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelServerMainTest {

    @Test
    void optionsTakeSpaceOrEqualsAndDefaultsFillTheRest() {
        Map<String, String> options = ModelServerMain.parse(new String[] {"--port=9000", "--max-rows", "50",
                "--work-dir", "/tmp/ms"});
        ServerConfig config = ModelServerMain.config(options);

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.maxRows()).isEqualTo(50);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.workDir()).isEqualTo(Path.of("/tmp/ms"));
        assertThat(config.maxBodyBytes()).isEqualTo(ServerConfig.DEFAULT_MAX_BODY_BYTES);
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> ModelServerMain.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> ModelServerMain.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ModelServerMain.config(Map.of("port", "http")))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> ModelServerMain.loader(Map.of(), Path.of("w"), Map.of()))
                .hasMessageContaining("either --model-path");
        assertThatThrownBy(() -> ModelServerMain.loader(Map.of("model-path", "m.zip", "flavor", "dl4j"), Path.of("w"),
                Map.of())).hasMessageContaining("--signature is required");
        assertThatThrownBy(() -> ModelServerMain.loader(Map.of("backend-url", "http://127.0.0.1:1", "model", "iris",
                "version", "1", "alias", "champion"), Path.of("w"), Map.of())).hasMessageContaining("not both");
        assertThatThrownBy(() -> ModelServerMain.signature("{\"inputs\": []}"))
                .hasMessageContaining("no input column");
    }

    @Test
    void aSignatureIsReadFromJsonText() {
        Signature signature = ModelServerMain.signature("{\"inputs\": [{\"name\": \"x\", \"type\": \"double\"}]}");
        assertThat(signature.inputNames()).containsExactly("x");
        assertThat(signature.outputs()).isEmpty();
    }
}
