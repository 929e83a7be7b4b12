package dev.latch.security.entity;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** An immutable set of permissions and the rules between sets. */
public record Permissions(Set<Permission> granted) {

    public Permissions {
        EnumSet<Permission> copy = EnumSet.noneOf(Permission.class);
        copy.addAll(granted);
        granted = Collections.unmodifiableSet(copy);
    }

    public static Permissions of(Permission... permissions) {
        return new Permissions(Set.of(permissions));
    }

    /** Parses wire names; an unknown name is reported, not dropped. */
    public static Permissions parse(Collection<String> names) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            set.add(
                    Permission.ofWireName(name)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "unknown permission \"" + name + "\"")));
        }
        return new Permissions(set);
    }

    /** What these permissions allow: {@code admin} expands to all of them. */
    public Set<Permission> effective() {
        return granted.contains(Permission.ADMIN) ? EnumSet.allOf(Permission.class) : granted;
    }

    /** Holds {@code admin} itself, not merely everything it implies. */
    public boolean isAdmin() {
        return granted.contains(Permission.ADMIN);
    }

    public boolean allows(Permission permission) {
        return effective().contains(permission);
    }

    /** True when every permission of {@code other} is allowed by this set. */
    public boolean covers(Permissions other) {
        return effective().containsAll(other.effective());
    }

    /**
     * The default for a token issued by this holder: everything it may do, except {@code admin}
     * itself.
     */
    public Permissions withoutAdmin() {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        set.addAll(effective());
        set.remove(Permission.ADMIN);
        return new Permissions(set);
    }

    /** Stable, sorted wire names. */
    public List<String> wireNames() {
        return granted.stream().sorted().map(Permission::wireName).toList();
    }

    /** The groups a caller with these permissions belongs to, for {@code @RolesAllowed}. */
    public Set<String> groups() {
        Set<String> groups =
                effective().stream().map(Permission::wireName).collect(Collectors.toSet());
        groups.add(Permission.Names.AUTHENTICATED);
        return groups;
    }
}
