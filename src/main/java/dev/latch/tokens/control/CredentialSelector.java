package dev.latch.tokens.control;

import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which live credentials a revocation by selector takes, across both tables that hold them: opaque
 * tokens ({@code token}) and the records of signed JWTs ({@code minted_jwt}). A criterion left null
 * is not asked for; every given one must hold. At least one is needed, as none would mean all.
 */
public record CredentialSelector(
        UUID owner,
        String kind,
        String namePrefix,
        String nodeId,
        Instant createdBefore,
        Instant createdAfter,
        Duration unusedFor,
        String issuedBy) {

    /** The longest {@code unused_for}: beyond it nothing Latch issued can still be alive. */
    public static final Duration LONGEST_UNUSED = Duration.ofDays(3650);

    /** Where a match was found, and how that table names what a selector asks for. */
    enum Source {
        TOKEN(
                "token",
                "id",
                "name",
                "created_by",
                "node_id",
                Set.of("operator", "service_key", "node", "join")),
        JWT("minted_jwt", "jti", "sub", "minted_by", null, Set.of("session", "minted", "internal"));

        final String table;
        final String id;
        final String name;
        final String issuer;
        final String node;
        final Set<String> kinds;

        Source(
                String table,
                String id,
                String name,
                String issuer,
                String node,
                Set<String> kinds) {
            this.table = table;
            this.id = id;
            this.name = name;
            this.issuer = issuer;
            this.node = node;
            this.kinds = kinds;
        }
    }

    /** A native query: its text with positional parameters, and their values in order. */
    record Sql(String text, List<Object> parameters) {}

    /** A position in the order matches are taken in: oldest issue first, then by id. */
    record Position(Instant issuedAt, UUID id) {}

    public CredentialSelector {
        if (owner == null
                && kind == null
                && namePrefix == null
                && nodeId == null
                && createdBefore == null
                && createdAfter == null
                && unusedFor == null
                && issuedBy == null) {
            throw LatchException.invalidArgument(
                    "selector needs at least one criterion: an empty one would select every"
                            + " credential");
        }
        if (kind != null
                && !Source.TOKEN.kinds.contains(kind)
                && !Source.JWT.kinds.contains(kind)) {
            throw LatchException.invalidArgument(
                    "kind must be operator, service_key, node, join, session, minted or internal");
        }
    }

    /** The criteria as the audit log names them, in the wire's words. */
    public String describe() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("owner", owner);
        given.put("kind", kind);
        given.put("name_prefix", namePrefix);
        given.put("node_id", nodeId);
        given.put("created_before", createdBefore);
        given.put("created_after", createdAfter);
        given.put("unused_for", unusedFor == null ? null : Ttl.format(unusedFor));
        given.put("issued_by", issuedBy);
        return given.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ", "{", "}"));
    }

    /** How many live credentials match at {@code now}. */
    Sql count(Instant now) {
        List<Object> parameters = new ArrayList<>();
        return new Sql(
                "select count(*) from (" + union(now, parameters) + ") c", List.copyOf(parameters));
    }

    /**
     * Up to {@code limit} matches after {@code after} (null: from the start), oldest issue first,
     * each as {@code (source, id)}: the source's name ({@code TOKEN} or {@code JWT}) and the id as
     * text.
     */
    Sql candidates(Instant now, Position after, int limit) {
        List<Object> parameters = new ArrayList<>();
        String union = union(now, parameters);
        String position = "";
        if (after != null) {
            position =
                    " where (c.issued_at, c.id) > ("
                            + parameter(parameters, after.issuedAt())
                            + ", cast("
                            + parameter(parameters, after.id().toString())
                            + " as uuid))";
        }
        return new Sql(
                "select c.source, cast(c.id as text) from ("
                        + union
                        + ") c"
                        + position
                        + " order by c.issued_at, c.id limit "
                        + parameter(parameters, limit),
                List.copyOf(parameters));
    }

    /** The sources this selector can match in: a JWT has no node, each kind lives in one table. */
    List<Source> sources() {
        return Arrays.stream(Source.values())
                .filter(s -> kind == null || s.kinds.contains(kind))
                .filter(s -> nodeId == null || s.node != null)
                .toList();
    }

    private String union(Instant now, List<Object> parameters) {
        List<Source> sources = sources();
        if (sources.isEmpty()) {
            // node_id with a JWT kind: a query that answers nothing, in the same shape
            return "select 'TOKEN' as source, id, issued_at from token where false";
        }
        StringJoiner union = new StringJoiner(" union all ");
        sources.forEach(source -> union.add(branch(source, now, parameters)));
        return union.toString();
    }

    private String branch(Source source, Instant now, List<Object> parameters) {
        List<String> where = new ArrayList<>();
        where.add("revoked_at is null");
        where.add("expires_at > " + parameter(parameters, now));
        if (owner != null) {
            where.add("owner_id = cast(" + parameter(parameters, owner.toString()) + " as uuid)");
        }
        if (kind != null) {
            where.add("kind = " + parameter(parameters, kind));
        }
        if (namePrefix != null) {
            where.add(
                    "starts_with(" + source.name + ", " + parameter(parameters, namePrefix) + ")");
        }
        if (nodeId != null) {
            where.add(source.node + " = " + parameter(parameters, nodeId));
        }
        if (createdBefore != null) {
            where.add("issued_at < " + parameter(parameters, createdBefore));
        }
        if (createdAfter != null) {
            where.add("issued_at >= " + parameter(parameters, createdAfter));
        }
        if (unusedFor != null) {
            // issued yesterday is not "unused for 30 days", whatever its last use says
            String since = parameter(parameters, now.minus(unusedFor));
            where.add("issued_at < " + since);
            where.add("(last_used_at is null or last_used_at < " + since + ")");
            // uses not recorded: nobody knows it is unused (as LastUseFilter has it for the lists)
            where.add("(use_recorded or last_used_at is not null)");
        }
        if (issuedBy != null) {
            where.add(source.issuer + " = " + parameter(parameters, issuedBy));
        }
        return "select '"
                + source.name()
                + "' as source, "
                + source.id
                + " as id, issued_at from "
                + source.table
                + " where "
                + String.join(" and ", where);
    }

    /** Adds a value and answers its placeholder. */
    private static String parameter(List<Object> parameters, Object value) {
        parameters.add(value);
        return "?" + parameters.size();
    }
}
