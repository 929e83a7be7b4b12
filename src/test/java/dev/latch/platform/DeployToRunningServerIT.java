package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * server-config/wildfly/install.sh against a WildFly started as it comes from Maven Central: it
 * configures the running server, a second run changes nothing, and the WAR it deploys answers.
 */
class DeployToRunningServerIT {

    private static final Path TARGET = Path.of(System.getProperty("latch.war")).getParent();
    private static final int OFFSET = Integer.getInteger("latch.test.port.offset", 100) + 300;
    private static final String CONTROLLER = "127.0.0.1:" + (9990 + OFFSET);

    private final Path home = TARGET.resolve("plain-wildfly");
    private Process server;

    @BeforeEach
    void startAPlainServer() throws Exception {
        Trees.delete(home);
        Trees.copy(Path.of(System.getProperty("latch.test.wildfly.dist")), home);
        server =
                new ProcessBuilder(
                                home.resolve("bin/standalone.sh").toString(),
                                "-Djboss.socket.binding.port-offset=" + OFFSET)
                        .redirectErrorStream(true)
                        .redirectOutput(TARGET.resolve("plain-wildfly.log").toFile())
                        .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!cli(":read-attribute(name=server-state)").contains("running")) {
            assertTrue(
                    server.isAlive() && Instant.now().isBefore(deadline), "WildFly did not start");
            Thread.sleep(1000);
        }
    }

    @AfterEach
    void stopIt() throws Exception {
        cli(":shutdown");
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void theInstallScriptConfiguresARunningServerOnceAndDeploysLatch() throws Exception {
        assertEquals(0, install(), "first run");
        Path config = home.resolve("standalone/configuration/standalone.xml");
        String configured = Files.readString(config);
        assertTrue(configured.contains("java:/jdbc/LatchDS"), "the datasource");

        assertEquals(0, install(), "second run");
        assertEquals(configured, Files.readString(config), "a second run changed the server");

        assertEquals(0, install("--deploy", System.getProperty("latch.war")), "deployment");
        Api api = new Api(URI.create("http://127.0.0.1:" + (8080 + OFFSET) + "/").toURL());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        int status;
        while ((status = api.get("api/v1/whoami", Api.bootstrapToken()).status()) != 200
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertEquals(200, status, "Latch answers on the server it was deployed to");
    }

    private int install(String... more) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                System.getProperty("latch.test.project.dir")
                                        + "/server-config/wildfly/install.sh",
                                home.toString(),
                                TARGET.resolve("server-libs/postgresql.jar").toString(),
                                "--connect",
                                "--controller",
                                CONTROLLER));
        command.addAll(List.of(more));
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        TARGET.resolve("plain-wildfly-install.log").toFile()))
                        .start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "install.sh hangs");
        return p.exitValue();
    }

    private String cli(String command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                home.resolve("bin/jboss-cli.sh").toString(),
                                "--connect",
                                "--controller=" + CONTROLLER,
                                "--command=" + command)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(2, TimeUnit.MINUTES);
        return out;
    }
}
