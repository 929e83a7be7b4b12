package dev.latch.platform.control;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** What the audit log records about a request: its id, source address and user agent. */
public record RequestInfo(String requestId, String sourceIp, String userAgent) {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestInfo.class.getName();
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** For work the service does by itself, such as the first start. */
    public static RequestInfo none() {
        return new RequestInfo(null, null, null);
    }

    /**
     * The same answer for the whole request: the authentication mechanism and the resources share
     * it.
     */
    public static RequestInfo of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestInfo known) {
            return known;
        }
        String given = request.getHeader(REQUEST_ID_HEADER);
        String id =
                given != null && CLIENT_REQUEST_ID.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString();
        RequestInfo info =
                new RequestInfo(
                        id,
                        request.getRemoteAddr(),
                        truncate(request.getHeader("User-Agent"), 256));
        request.setAttribute(ATTRIBUTE, info);
        return info;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
