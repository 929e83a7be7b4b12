package dev.latch.platform.control;

/** The contract's stable machine codes, each with the HTTP status it answers with by default. */
public enum ErrorCode {
    UNAUTHENTICATED(401, "Not authenticated"),
    TOKEN_REVOKED(401, "Token revoked"),
    TOKEN_EXPIRED(401, "Token expired"),
    PERMISSION_DENIED(403, "Permission denied"),
    INVALID_ARGUMENT(400, "Invalid argument"),
    NOT_FOUND(404, "Not found"),
    DUPLICATE_IDENTITY(409, "Duplicate identity"),
    FAILED_PRECONDITION(400, "Failed precondition"),
    RATE_LIMITED(429, "Rate limited"),
    UNAVAILABLE(503, "Unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire form, e.g. {@code token_revoked}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isAuthentication() {
        return status == 401;
    }
}
