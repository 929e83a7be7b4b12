package dev.latch.platform.control;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the audit log records about a request: its id, source address and user agent. */
public record RequestInfo(String requestId, String sourceIp, String userAgent) {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestInfo.class.getName();
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern FORWARDED_FOR =
            Pattern.compile("(?i)for=\"?\\[?([0-9A-Fa-f:.]+)\\]?\"?");
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
                        id, source(request), truncate(request.getHeader("User-Agent"), 256));
        request.setAttribute(ATTRIBUTE, info);
        return info;
    }

    /**
     * The client's address: the connection's, or, when that is a trusted proxy, the nearest address
     * in X-Forwarded-For (or Forwarded: for=) that is not one of the trusted proxies.
     */
    static String source(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        List<String> trusted =
                ConfigProvider.getConfig()
                        .getOptionalValues("latch.http.trusted-proxies", String.class)
                        .orElse(List.of());
        if (!trusted.contains(remote)) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor != null) {
            hops.addAll(Arrays.asList(forwardedFor.split(",")));
        } else if (request.getHeader("Forwarded") != null) {
            Matcher m = FORWARDED_FOR.matcher(request.getHeader("Forwarded"));
            while (m.find()) {
                hops.add(m.group(1));
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).strip();
            if (!trusted.contains(hop)) {
                return ADDRESS.matcher(hop).matches() ? hop : remote;
            }
        }
        return remote;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
