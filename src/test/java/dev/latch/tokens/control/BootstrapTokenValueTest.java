package dev.latch.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.tokens.entity.TokenKind;
import org.junit.jupiter.api.Test;

/**
 * LATCH_BOOTSTRAP_TOKEN must be an operator token in Latch's format; a refusal never echoes the
 * value.
 */
class BootstrapTokenValueTest {

    @Test
    void aWellFormedOperatorTokenIsTaken() {
        String token = TokenFormat.generate(TokenKind.OPERATOR);
        assertEquals(token, BootstrapToken.checked(token));
    }

    @Test
    void anythingElseIsRefusedWithoutRepeatingIt() {
        for (String value :
                new String[] {
                    "lop_nonsense", "hunter2", TokenFormat.generate(TokenKind.SERVICE_KEY)
                }) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> BootstrapToken.checked(value));
            assertFalse(e.getMessage().contains(value));
        }
    }
}
