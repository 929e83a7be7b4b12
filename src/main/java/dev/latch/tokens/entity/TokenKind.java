package dev.latch.tokens.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of opaque secret, each with the prefix that lets secret scanners recognise it. */
public enum TokenKind {
    OPERATOR("lop"),
    SERVICE_KEY("lsk"),
    JOIN("ljn"),
    NODE("lnd");

    private final String prefix;

    TokenKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The wire and column form, e.g. {@code service_key}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenKind> ofPrefix(String prefix) {
        return Arrays.stream(values()).filter(k -> k.prefix.equals(prefix)).findFirst();
    }

    public static Optional<TokenKind> ofWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
}
