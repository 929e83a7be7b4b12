package dev.latch.jwt.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.jwt.control.InternalIssuing;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import org.junit.jupiter.api.Test;

/**
 * The test server has internal issuing configured; here it has none, and the body is never read.
 */
class InternalTokensResourceTest {

    @Test
    void anUnconfiguredEndpointIsNotFoundBeforeTheBodyIsLookedAt() {
        InternalTokensResource resource = new InternalTokensResource();
        resource.issuing =
                new InternalIssuing() {
                    @Override
                    public void authenticate(String presentedKey) {
                        throw LatchException.notFound("no internal key is configured");
                    }
                };
        LatchException e =
                assertThrows(
                        LatchException.class, () -> resource.issue(null, "garbage{ not even JSON"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }
}
