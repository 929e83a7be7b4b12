package dev.latch.support;

import java.net.URI;
import java.net.URL;

/**
 * The runtime the integration tests run against (the failsafe execution says which): WildFly serves
 * health and its metrics on the management port, Payara Micro on the HTTP port.
 */
public final class TestRuntime {

    private TestRuntime() {}

    public static boolean isPayara() {
        return "payara".equals(System.getProperty("latch.test.runtime"));
    }

    /** Where the runtime serves {@code path} of its own, e.g. {@code /health/ready}. */
    public static URI operations(URL base, String path) {
        if (isPayara()) {
            return URI.create(base.toString()).resolve(path);
        }
        int port = 9990 + Integer.getInteger("latch.test.port.offset", 100);
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
