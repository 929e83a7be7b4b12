package dev.latch.platform.boundary;

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
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;

/**
 * snake_case on the wire, absent values as explicit nulls; a field the contract does not know is refused, and so is a value of the
 * wrong JSON type (JSON-B would otherwise read {@code "maybe"} as false and {@code 5} as "5").
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true)
            .setProperty("jsonb.fail-on-unknown-properties", true)
            .withDeserializers(new StrictBoolean(), new StrictString()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

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
                return string.getString();
            }
            throw new JsonbException("expected a string");
        }
    }
}
