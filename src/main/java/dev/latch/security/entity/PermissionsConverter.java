package dev.latch.security.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/** Stored as space-separated wire names, readable in psql. */
@Converter(autoApply = true)
public class PermissionsConverter implements AttributeConverter<Permissions, String> {

    @Override
    public String convertToDatabaseColumn(Permissions permissions) {
        return String.join(" ", permissions.wireNames());
    }

    @Override
    public Permissions convertToEntityAttribute(String column) {
        return Permissions.parse(column.isBlank() ? List.of() : Arrays.asList(column.split(" ")));
    }
}
