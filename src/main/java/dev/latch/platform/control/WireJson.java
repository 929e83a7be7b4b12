package dev.latch.platform.control;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * JSON as Latch writes and reads it, for JAX-RS and for the servlets beside it: snake_case on the
 * wire, absent values as explicit nulls; a field the contract does not know is refused, and so is a
 * value of the wrong JSON type (JSON-B would otherwise read {@code "maybe"} as false and {@code 5}
 * as "5").
 */
public final class WireJson {

    public static final Jsonb JSONB =
            JsonbBuilder.create(
                    new JsonbConfig()
                            .withPropertyNamingStrategy(
                                    PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                            .withNullValues(true)
                            .setProperty("jsonb.fail-on-unknown-properties", true)
                            .withDeserializers(new StrictBoolean(), new StrictString()));

    private WireJson() {}

    public static class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw new JsonbException("expected true or false");
        }
    }

    public static class StrictString implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonString string) {
                if (string.getString().indexOf('\0') >= 0) {
                    // PostgreSQL stores no NUL in text, and no field of the contract needs one
                    throw new JsonbException("a string must not contain NUL");
                }
                return string.getString();
            }
            throw new JsonbException("expected a string");
        }
    }
}
