package dev.latch.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenApiWireNamesTest {

    @Test
    void javaNamesBecomeSnakeCaseAsJsonbWritesThem() {
        assertEquals("allows_privileged", OpenApiWireNames.wireName("allowsPrivileged"));
        assertEquals("token_id", OpenApiWireNames.wireName("tokenId"));
        assertEquals("name", OpenApiWireNames.wireName("name"));
    }

    @Test
    void namesAlreadyOnTheWireStayAsTheyAre() {
        assertEquals("allows_privileged", OpenApiWireNames.wireName("allows_privileged"));
        assertEquals("x5t#S256", OpenApiWireNames.wireName("x5t#S256"));
    }
}
