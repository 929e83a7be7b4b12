package dev.latch.cli;

/**
 * The server said no (a problem+json answer) or could not be reached: the command ends with exit
 * code 1 and this message on stderr.
 */
final class Refused extends RuntimeException {

    private final int status;
    private final String code;

    Refused(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    /** {@code failed_precondition (token_used)}: the code, with the problem's reason if any. */
    static Refused of(int status, String code, String reason, String detail) {
        return new Refused(status, reason == null ? code : code + " (" + reason + ")", detail);
    }

    int status() {
        return status;
    }

    /** The problem's code ({@code permission_denied}, …), or null when no server answered. */
    String code() {
        return code;
    }
}
