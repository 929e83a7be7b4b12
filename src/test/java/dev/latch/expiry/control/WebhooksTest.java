package dev.latch.expiry.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhooksTest {

    private static List<URI> urls(String configured) {
        Webhooks webhooks = new Webhooks();
        webhooks.configuredUrls = Optional.ofNullable(configured);
        return webhooks.urls();
    }

    @Test
    void urlsAreCommaSeparatedEachOnce() {
        assertEquals(
                List.of(URI.create("https://a.example/hook"), URI.create("http://b.example:81/")),
                urls(" https://a.example/hook, http://b.example:81/,,https://a.example/hook"));
        assertEquals(List.of(), urls(null));
    }

    @Test
    void anythingButAnHttpOrHttpsUrlWithAHostFailsTheStart() {
        for (String bad :
                List.of(
                        "ftp://a.example/",
                        "file:///etc/passwd",
                        "a.example/hook",
                        "https:///nohost",
                        "https://user:secret@a.example/",
                        "http://a b/")) {
            assertThrows(IllegalArgumentException.class, () -> urls(bad), bad);
        }
    }
}
