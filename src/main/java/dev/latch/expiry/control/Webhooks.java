package dev.latch.expiry.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where warnings are sent and how often a delivery is tried: {@code latch.webhooks.*}. A URL that
 * is not http(s) fails the deployment, as a typo should, rather than every delivery later.
 */
@ApplicationScoped
public class Webhooks {

    @Inject
    @ConfigProperty(name = "latch.webhooks.urls")
    Optional<String> configuredUrls;

    @Inject
    @ConfigProperty(name = "latch.webhooks.max-attempts")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "latch.webhooks.first-retry")
    Duration firstRetry;

    @Inject
    @ConfigProperty(name = "latch.webhooks.max-retry-delay")
    Duration maxRetryDelay;

    @Inject
    @ConfigProperty(name = "latch.webhooks.request-timeout")
    Duration requestTimeout;

    /** The receivers, each once, in the order configured; none when unset. */
    public List<URI> urls() {
        return configuredUrls.stream()
                .flatMap(urls -> Arrays.stream(urls.split(",")))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .distinct()
                .map(Webhooks::url)
                .toList();
    }

    static URI url(String text) {
        try {
            URI url = new URI(text);
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    || url.getHost() == null
                    || url.getUserInfo() != null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            // the URL is configuration, not a secret: naming it helps whoever mistyped it
            throw new IllegalArgumentException(
                    "latch.webhooks.urls: \"" + text + "\" is not an http or https URL", e);
        }
    }

    public RetrySchedule retries() {
        return new RetrySchedule(maxAttempts, firstRetry, maxRetryDelay);
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Fails the deployment on a bad setting. */
    public void check() {
        urls();
        retries();
        if (requestTimeout.isZero()) {
            throw new IllegalArgumentException("latch.webhooks.request-timeout must be > 0");
        }
    }
}
