package dev.latch.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Assertions on the contract's problem+json answers. */
public final class Problems {

    private Problems() {}

    public static Api.Reply assertProblem(Api.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), () -> "body: " + reply.body());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        assertEquals(code, reply.string("code"), () -> "body: " + reply.body());
        assertEquals(status, reply.json().getInt("status"));
        assertNotNull(reply.string("detail"));
        assertFalse(
                reply.body().contains("Exception"),
                () -> "leaks a Java exception: " + reply.body());
        assertFalse(reply.body().contains("\tat "), () -> "leaks a stack trace: " + reply.body());
        if (status == 401) {
            assertEquals("Bearer error=\"invalid_token\"", reply.header("WWW-Authenticate"));
        }
        return reply;
    }
}
