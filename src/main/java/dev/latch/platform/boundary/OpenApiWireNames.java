package dev.latch.platform.boundary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * /openapi names properties as they are on the wire, in snake_case as JsonbConfiguration writes
 * them, on every runtime: each runtime's scanner names them after the Java record components.
 */
public class OpenApiWireNames implements OASFilter {

    /** A Java name JSON-B translates; an explicit name such as {@code x5t#S256} stays as it is. */
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");

    @Override
    public Schema filterSchema(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null && !properties.isEmpty()) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(wireName(name), property));
            schema.setProperties(renamed);
        }
        List<String> required = schema.getRequired();
        if (required != null && !required.isEmpty()) {
            schema.setRequired(required.stream().map(OpenApiWireNames::wireName).toList());
        }
        return schema;
    }

    /**
     * JSON-B's LOWER_CASE_WITH_UNDERSCORES: {@code allowsPrivileged} is {@code allows_privileged}.
     */
    static String wireName(String name) {
        if (!CAMEL_CASE.matcher(name).matches()) {
            return name;
        }
        StringBuilder wire = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                wire.append('_').append(Character.toLowerCase(c));
            } else {
                wire.append(c);
            }
        }
        return wire.toString();
    }
}
