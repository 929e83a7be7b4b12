package dev.latch.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The CLI run in-process with its own home directory, environment and stdin. */
final class Cli {

    /** What one run left behind. */
    record Run(int code, String out, String err) {}

    final Path home;
    final Map<String, String> env = new HashMap<>();

    Cli(String server) {
        try {
            home = Files.createTempDirectory("latch-cli-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("HOME", home.toString());
        env.put("LATCH_URL", server);
    }

    Cli with(String name, String value) {
        env.put(name, value);
        return this;
    }

    Run run(String... args) {
        return runWithStdin("", args);
    }

    Run runWithStdin(String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code =
                new Latch(
                                env,
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                                null)
                        .run(args);
        return new Run(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path configFile() {
        return home.resolve(".config/latch/config");
    }
}
