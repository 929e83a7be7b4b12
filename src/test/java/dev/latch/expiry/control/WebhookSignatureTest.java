package dev.latch.expiry.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsWhatOpensslPrintsForTheSameKeyAndBody() {
        // printf '{"a":1}' | openssl dgst -sha256 -mac HMAC -macopt
        // key:test-key-0123456789abcdef0123456
        assertEquals(
                "sha256=892e18ecaae210ec49159709d760fa266cbfae2aa353db750ac909991da9d534",
                WebhookSignature.of(
                        "test-key-0123456789abcdef0123456".getBytes(StandardCharsets.UTF_8),
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    }
}
