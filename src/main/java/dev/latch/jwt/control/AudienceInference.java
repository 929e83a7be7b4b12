package dev.latch.jwt.control;

import java.util.List;
import java.util.Set;

/**
 * parachute's audience rule: a named {@code vault:<name>:<read|write|admin>} scope gives {@code
 * vault.<name>}; otherwise the namespace of the first scope with a colon; otherwise {@code hub}.
 */
public final class AudienceInference {

    private static final Set<String> VAULT_VERBS = Set.of("read", "write", "admin");

    private AudienceInference() {}

    public static String infer(List<String> scopes) {
        for (String scope : scopes) {
            String[] parts = scope.split(":", -1);
            if (parts.length == 3
                    && parts[0].equals("vault")
                    && !parts[1].isEmpty()
                    && VAULT_VERBS.contains(parts[2])) {
                return "vault." + parts[1];
            }
        }
        for (String scope : scopes) {
            int colon = scope.indexOf(':');
            if (colon > 0) {
                return scope.substring(0, colon);
            }
        }
        return "hub";
    }
}
