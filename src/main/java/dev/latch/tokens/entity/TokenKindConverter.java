package dev.latch.tokens.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class TokenKindConverter implements AttributeConverter<TokenKind, String> {

    @Override
    public String convertToDatabaseColumn(TokenKind kind) {
        return kind.wireName();
    }

    @Override
    public TokenKind convertToEntityAttribute(String column) {
        return TokenKind.ofWireName(column)
                .orElseThrow(() -> new IllegalStateException("unknown token kind " + column));
    }
}
