package dev.latch.users.boundary;

import dev.latch.users.entity.AppUser;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
public record UserView(
        UUID id,
        String username,
        String role,
        List<String> permissions,
        boolean service,
        Instant createdAt,
        String createdBy,
        Instant passwordChangedAt,
        Instant disabledAt,
        String disabledBy) {

    static UserView of(AppUser u) {
        return new UserView(
                u.id(),
                u.username(),
                u.role().wireName(),
                u.role().permissions().wireNames(),
                u.isService(),
                u.createdAt(),
                u.createdBy(),
                u.passwordChangedAt(),
                u.disabledAt(),
                u.disabledBy());
    }
}
