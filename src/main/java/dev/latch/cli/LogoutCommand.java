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
        // the kept session is forgotten when it is what logs out, not when another credential does
        boolean session =
                !latch.explicitCredential()
                        || Session.loadIfSound(latch).map(Session::token).equals(latch.bearer());
        JsonNode answer;
        try {
            answer = latch.server().post("api/v1/auth/logout", null);
        } catch (Refused refused) {
            if (refused.status() != 401 || !session) {
                throw refused;
            }
            // already expired or revoked: nothing left to revoke, the session is forgotten all the
            // same
            answer = Server.JSON.createObjectNode().put("already_ended", true);
        }
        if (session) {
            Session.remove(latch);
        }
        latch.confirm(
                answer,
                "✅ Token revoked successfully!\n"
                        + (session
                                ? "You have been logged out. Please login again to continue."
                                : "The credential given is revoked; the kept session, if any, is"
                                        + " untouched."));
        return 0;
    }
}
