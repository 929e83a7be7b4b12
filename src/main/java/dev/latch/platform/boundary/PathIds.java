package dev.latch.platform.boundary;

import dev.latch.platform.control.LatchException;
import java.util.UUID;

/**
 * Ids in paths are UUIDs; anything else is the client's mistake, answered 400 naming the parameter.
 */
public final class PathIds {

    private PathIds() {}

    public static UUID uuid(String parameter, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw LatchException.invalidArgument(parameter + " must be a UUID");
        }
    }
}
