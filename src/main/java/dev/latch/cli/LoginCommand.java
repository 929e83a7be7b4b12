package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * pangolin's {@code login}: signs a user in and keeps the session in the config file. The password
 * never on the command line: a prompt, or the first line of stdin with --password-stdin.
 */
@PrintsCredential
@Command(name = "login", description = "Sign in as a user; the session is kept for later commands.")
final class LoginCommand implements java.util.concurrent.Callable<Integer> {

    private final Latch latch;

    @Option(names = "--username", required = true, paramLabel = "USER")
    String username;

    @Option(names = "--password-stdin", description = "read the password from stdin's first line")
    boolean passwordStdin;

    LoginCommand(Latch latch) {
        this.latch = latch;
    }

    @Override
    public Integer call() throws IOException {
        String password;
        if (passwordStdin) {
            password =
                    new BufferedReader(new InputStreamReader(latch.in, StandardCharsets.UTF_8))
                            .readLine();
        } else if (latch.prompt != null) {
            password = latch.prompt.read("Password: ");
        } else {
            throw new Usage("no terminal to ask for the password: pipe it with --password-stdin");
        }
        if (password == null || password.isEmpty()) {
            throw new Usage("the password is empty");
        }
        Server server = latch.anonymous();
        JsonNode session =
                server.post(
                        "api/v1/auth/login", Map.of("username", username, "password", password));
        String token = session.path("token").asText();
        new Session(
                        server.base().toString(),
                        username,
                        token,
                        session.path("session_id").asText(),
                        session.path("expires_at").asText())
                .save(latch);
        String line =
                "✅ Logged in successfully as "
                        + username
                        + " (session until "
                        + Table.time(session, "expires_at")
                        + ", kept in "
                        + latch.configFile()
                        + ")";
        if (latch.format() == Latch.Format.token) {
            latch.result(session, () -> line, token);
        } else {
            // in a table the line only confirms (the session is kept): --quiet drops it
            latch.confirm(session, line);
        }
        return 0;
    }
}
