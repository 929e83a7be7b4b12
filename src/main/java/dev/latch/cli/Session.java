package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The {@code latch login} session in {@code ~/.config/latch/config} (like pangolin's
 * ~/.pangolin/config): owner-only from its creation, since it holds a bearer credential.
 */
record Session(String server, String username, String token, String sessionId, String expiresAt) {

    static Optional<Session> load(Latch latch) {
        Path file = latch.configFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                    .endsWith("------")) {
                latch.err.println(
                        "latch: warning: "
                                + file
                                + " holds a credential but others may read it; chmod 600 it");
            }
            JsonNode json = Server.JSON.readTree(file.toFile());
            return Optional.of(
                    new Session(
                            json.path("server").textValue(),
                            json.path("username").textValue(),
                            json.path("token").textValue(),
                            json.path("session_id").textValue(),
                            json.path("expires_at").textValue()));
        } catch (IOException e) {
            // its content may be a credential: never echoed
            throw new Refused(
                    0, null, file + " is not a latch config; remove it or run `latch login`");
        }
    }

    /** The kept session, or none when there is no sound config (the server URL does without). */
    static Optional<Session> loadIfSound(Latch latch) {
        try {
            return load(latch).filter(s -> s.server() != null);
        } catch (Refused e) {
            return Optional.empty();
        }
    }

    void save(Latch latch) {
        Path file = latch.configFile();
        try {
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
            // a directory that existed before is closed to others too
            Files.setPosixFilePermissions(
                    file.getParent(), PosixFilePermissions.fromString("rwx------"));
            Path partial =
                    Files.createTempFile(
                            file.getParent(),
                            "config",
                            ".partial",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            var json = Server.JSON.createObjectNode();
            json.put("server", server);
            json.put("username", username);
            json.put("token", token);
            json.put("session_id", sessionId);
            json.put("expires_at", expiresAt);
            Files.writeString(partial, json.toPrettyString() + "\n");
            Files.move(
                    partial,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Refused(0, null, "cannot write " + file + ": " + e.getMessage());
        }
    }

    static boolean remove(Latch latch) {
        try {
            return Files.deleteIfExists(latch.configFile());
        } catch (IOException e) {
            throw new Refused(
                    0, null, "cannot remove " + latch.configFile() + ": " + e.getMessage());
        }
    }
}
