package dev.latch.security.entity;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scopes a credential may put into JWTs it mints for other services: exact scopes, or patterns
 * ending in {@code *} ({@code vault:work:*}). None by default; an admin may mint any scope.
 */
public record MintScopes(List<String> patterns) {

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:/@-]{0,200}\\*?");
    private static final int MAX_PATTERNS = 20;

    public static final MintScopes NONE = new MintScopes(List.of());

    public MintScopes {
        patterns = List.copyOf(patterns);
    }

    /** Checks every pattern; a bad one is reported, never dropped. */
    public static MintScopes parse(Collection<String> patterns) {
        if (patterns.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException(
                    "mint_scopes holds at most " + MAX_PATTERNS + " patterns");
        }
        for (String pattern : patterns) {
            if (pattern == null || pattern.isEmpty() || !PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException(
                        "mint_scopes pattern \""
                                + pattern
                                + "\" must be a scope, optionally ending in *");
            }
        }
        return new MintScopes(patterns.stream().distinct().sorted().toList());
    }

    public boolean allows(String scope) {
        return patterns.stream().anyMatch(p -> matches(p, scope));
    }

    /** True when every scope the other patterns allow is allowed here too. */
    public boolean covers(MintScopes other) {
        return other.patterns.stream().allMatch(this::allows);
    }

    private static boolean matches(String pattern, String scope) {
        return pattern.endsWith("*")
                ? scope.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(scope);
    }
}
