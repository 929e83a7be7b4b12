package dev.latch.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test: runs as a client against the WAR the build produced, deployed on the test
 * WildFly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class LatchIT {

    @Deployment(testable = false)
    public static WebArchive latch() {
        return LatchDeployment.war();
    }

    @ArquillianResource protected URL base;

    protected Api api() {
        return new Api(base);
    }

    /**
     * A change made in the database, as another node would make it, reaches this node's cache
     * within {@code bound}: the credential is refused with {@code code} by then.
     */
    protected void assertRefusedWithin(Duration bound, String credential, String code) {
        Instant start = Instant.now();
        while (true) {
            var reply = api().get("api/v1/whoami", credential);
            Duration took = Duration.between(start, Instant.now());
            if (reply.status() != 200) {
                Problems.assertProblem(reply, 401, code);
                assertTrue(took.compareTo(bound) <= 0, "refused only after " + took);
                return;
            }
            if (took.compareTo(bound.multipliedBy(3)) > 0) {
                fail("still accepted after " + took);
            }
        }
    }

    /** The bootstrap token: an admin. */
    protected static String admin() {
        return Api.bootstrapToken();
    }
}
