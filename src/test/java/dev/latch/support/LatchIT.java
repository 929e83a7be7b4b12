package dev.latch.support;

import java.net.URL;
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

    /** The bootstrap token: an admin. */
    protected static String admin() {
        return Api.bootstrapToken();
    }
}
