package dev.latch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.tokens.control.TokenFormat;
import dev.latch.tokens.entity.TokenKind;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFormatTest {

    @Test
    void generatedTokensCarryTheirKindPrefixAndAFixedShape() {
        for (TokenKind kind : TokenKind.values()) {
            String token = TokenFormat.generate(kind);
            assertTrue(token.matches(kind.prefix() + "_[0-9A-Za-z]{49}"), token);
            assertEquals(Optional.of(kind), TokenFormat.kindOf(token));
        }
    }

    @Test
    void everyGeneratedTokenIsDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(TokenFormat.generate(TokenKind.OPERATOR)));
        }
    }

    @Test
    void aChangedCharacterBreaksTheChecksum() {
        String token = TokenFormat.generate(TokenKind.OPERATOR);
        char[] chars = token.toCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';
        assertEquals(Optional.empty(), TokenFormat.kindOf(new String(chars)));
    }

    @Test
    void aChangedPrefixBreaksTheChecksum() {
        String token = TokenFormat.generate(TokenKind.OPERATOR);
        assertEquals(Optional.empty(), TokenFormat.kindOf("lsk" + token.substring(3)));
    }

    @Test
    void garbageIsRejectedWithoutALookup() {
        for (String garbage :
                new String[] {
                    null,
                    "",
                    "lop_",
                    "lop_short",
                    "xyz_" + "a".repeat(49),
                    "LOP_" + "a".repeat(49),
                    TokenFormat.generate(TokenKind.OPERATOR) + "x",
                    "eyJhbGciOiJIUzI1NiJ9.e30.sig"
                }) {
            assertEquals(Optional.empty(), TokenFormat.kindOf(garbage), String.valueOf(garbage));
        }
    }

    @Test
    void theHashIsTheHexSha256OfTheWholeToken() {
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                TokenFormat.hash("abc"));
        String token = TokenFormat.generate(TokenKind.OPERATOR);
        assertNotEquals(token, TokenFormat.hash(token));
    }

    @Test
    void theHintIsTheLastFourCharacters() {
        String token = TokenFormat.generate(TokenKind.JOIN);
        assertEquals(token.substring(token.length() - 4), TokenFormat.hint(token));
    }
}
