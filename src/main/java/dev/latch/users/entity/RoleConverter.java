package dev.latch.users.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role.wireName();
    }

    @Override
    public Role convertToEntityAttribute(String column) {
        return Role.ofWireName(column)
                .orElseThrow(() -> new IllegalStateException("unknown role " + column));
    }
}
