package dev.latch.security.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;

/** Stored space-separated, like permissions. */
@Converter(autoApply = true)
public class MintScopesConverter implements AttributeConverter<MintScopes, String> {

    @Override
    public String convertToDatabaseColumn(MintScopes scopes) {
        return String.join(" ", scopes.patterns());
    }

    @Override
    public MintScopes convertToEntityAttribute(String column) {
        return new MintScopes(column.isBlank() ? List.of() : Arrays.asList(column.split(" ")));
    }
}
