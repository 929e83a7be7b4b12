package dev.latch.platform.control;

/**
 * A failure the client caused or must know about, carrying the contract's code. Its message is
 * shown to the client as the problem's detail, so it never holds a secret.
 */
public class LatchException extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final String reason;

    public LatchException(ErrorCode code, String detail) {
        this(code, code.status(), detail, null);
    }

    public LatchException(ErrorCode code, int status, String detail, String reason) {
        super(detail, null, false, false);
        this.code = code;
        this.status = status;
        this.reason = reason;
    }

    public static LatchException invalidArgument(String detail) {
        return new LatchException(ErrorCode.INVALID_ARGUMENT, detail);
    }

    public static LatchException notFound(String detail) {
        return new LatchException(ErrorCode.NOT_FOUND, detail);
    }

    /** 400 {@code failed_precondition}, with the {@code reason} a client can act on. */
    public static LatchException failedPrecondition(String detail, String reason) {
        return new LatchException(
                ErrorCode.FAILED_PRECONDITION,
                ErrorCode.FAILED_PRECONDITION.status(),
                detail,
                reason);
    }

    public static LatchException permissionDenied(String detail) {
        return new LatchException(ErrorCode.PERMISSION_DENIED, detail);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
