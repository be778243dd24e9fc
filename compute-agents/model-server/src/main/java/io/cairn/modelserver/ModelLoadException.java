package io.cairn.modelserver;

/** The model could not be obtained or loaded: the server does not become ready. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
