package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * pangolin's {@code revoke-token}: revokes the credential in use (the login session by default) and
 * forgets the session.
 */
@Command(
        name = "logout",
        aliases = "revoke-token",
        description = "Revoke the credential in use and remove the kept session.")
final class LogoutCommand implements Callable<Integer> {

    private final Latch latch;

    LogoutCommand(Latch latch) {
        this.latch = latch;
    }

    @Override
    public Integer call() {
        JsonNode answer;
        try {
            answer = latch.server().post("api/v1/auth/logout", null);
        } catch (Refused refused) {
            if (refused.status() != 401) {
                throw refused;
            }
            // already expired or revoked: nothing left to revoke, the session is forgotten all the
            // same
            answer = Server.JSON.createObjectNode().put("already_ended", true);
        }
        Session.remove(latch);
        latch.confirm(
                answer,
                "✅ Token revoked successfully!\n"
                        + "You have been logged out. Please login again to continue.");
        return 0;
    }
}
