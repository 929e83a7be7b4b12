package dev.latch.audit.entity;

/** How a call ended: done, refused for lack of permission, or failed for any other reason. */
public enum Outcome {
    SUCCESS,
    DENIED,
    FAILURE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Outcome ofStatus(int status) {
        if (status == 403) {
            return DENIED;
        }
        return status < 400 ? SUCCESS : FAILURE;
    }
}
