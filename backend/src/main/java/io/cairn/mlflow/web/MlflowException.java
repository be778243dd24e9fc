package io.cairn.mlflow.web;

/** A failure answered in MLflow's shape: {@code {"error_code": ..., "message": ...}} with the code's status. */
public class MlflowException extends RuntimeException {

    private final MlflowErrorCode code;

    public MlflowException(MlflowErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public MlflowErrorCode code() {
        return code;
    }

    static MlflowException invalid(String message) {
        return new MlflowException(MlflowErrorCode.INVALID_PARAMETER_VALUE, message);
    }
}
