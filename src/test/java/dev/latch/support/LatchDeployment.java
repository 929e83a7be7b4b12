package dev.latch.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Every integration test deploys the WAR the build produced, exactly as it ships. */
public final class LatchDeployment {

    private LatchDeployment() {}

    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(
                WebArchive.class, new File(System.getProperty("latch.war")));
    }
}
