package io.cairn.modelserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns an artifact on disk into a {@link Scorer} of its flavor: {@code dl4j} reads the model zip as it is;
 * {@code spark-ml} takes a saved PipelineModel folder, or a zip of one which it unpacks under the work
 * directory (by digest, so a restart reuses it). {@code generic} models cannot be served.
 */
public final class ModelLoader {

    public static final String DL4J = "dl4j";
    public static final String SPARK_ML = "spark-ml";

    private ModelLoader() {
    }

    /** The {@code --model-path} mode: a local artifact with the flavor and signature given by the operator. */
    public static LoadedModel fromPath(Path path, String flavor, Signature signature, Path workDir) {
        if (!Files.exists(path)) {
            throw new ModelLoadException("No model at " + path);
        }
        try {
            String sha256 = Files.isDirectory(path) ? null : ArtifactFiles.sha256(path);
            ModelInfo info = new ModelInfo(null, null, null, flavor, sha256, path.toAbsolutePath().toString());
            return new LoadedModel(info, signature, scorer(flavor, path, sha256, signature, workDir));
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    static Scorer scorer(String flavor, Path artifact, String sha256, Signature signature, Path workDir)
            throws IOException {
        if (DL4J.equals(flavor)) {
            if (Files.isDirectory(artifact)) {
                throw new ModelLoadException("A dl4j model is a zip written by ModelSerializer, not a folder");
            }
            return Dl4jScorer.load(artifact, signature);
        }
        if (SPARK_ML.equals(flavor)) {
            Path directory = artifact;
            if (!Files.isDirectory(artifact)) {
                directory = workDir.resolve("unpacked").resolve(sha256);
                if (!Files.isDirectory(directory)) {
                    Path partial = Files.createDirectories(workDir.resolve("unpacked"))
                            .resolve(sha256 + ".partial-" + ProcessHandle.current().pid());
                    ArtifactFiles.unzip(artifact, partial);
                    Files.move(partial, directory);
                }
            }
            int cores = Runtime.getRuntime().availableProcessors();
            return SparkScorer.load(ArtifactFiles.sparkModelRoot(directory), signature,
                    SparkSessions.local(cores, workDir));
        }
        throw new ModelLoadException("Flavor '" + flavor + "' cannot be served; the model server serves "
                + DL4J + " and " + SPARK_ML);
    }
}
