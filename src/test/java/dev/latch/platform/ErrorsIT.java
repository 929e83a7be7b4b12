package dev.latch.platform;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import dev.latch.support.TestRuntime;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the answer is a 4xx problem+json, never a 500 or a stack trace, and
 * nothing is written.
 */
class ErrorsIT extends LatchIT {

    private Api.Reply issue(String body) {
        return api().post("api/v1/tokens", admin(), body);
    }

    @Test
    void malformedJsonIsInvalid() {
        assertProblem(issue("{\"name\":"), 400, "invalid_argument");
        assertProblem(issue("not json"), 400, "invalid_argument");
        assertProblem(issue("[1,2]"), 400, "invalid_argument");
    }

    @Test
    void aMissingBodyOrFieldIsInvalid() {
        assertProblem(issue(""), 400, "invalid_argument");
        assertProblem(issue("{}"), 400, "invalid_argument");
        assertProblem(issue("{\"name\":null}"), 400, "invalid_argument");
    }

    @Test
    void wrongTypesAreInvalid() {
        assertProblem(issue("{\"name\":5}"), 400, "invalid_argument");
        assertProblem(issue("{\"name\":[\"a\"]}"), 400, "invalid_argument");
        assertProblem(
                issue("{\"name\":\"wt\",\"allow_privileged\":\"maybe\"}"), 400, "invalid_argument");
        assertProblem(issue("{\"name\":\"wt\",\"allow_privileged\":1}"), 400, "invalid_argument");
        assertProblem(
                issue("{\"name\":\"wt\",\"permissions\":\"tokens.read\"}"),
                400,
                "invalid_argument");
        assertProblem(issue("{\"name\":\"wt\",\"permissions\":[1]}"), 400, "invalid_argument");
        assertProblem(issue("{\"name\":\"wt\",\"ttl\":90}"), 400, "invalid_argument");
    }

    @Test
    void unknownFieldsAreInvalid() {
        assertProblem(issue("{\"name\":\"uf\",\"admin\":true}"), 400, "invalid_argument");
    }

    @Test
    void oversizedBodiesAreTooLarge() {
        // Payara Micro's connector holds a 413 until the unread rest of the body has come or its
        // read has timed out (about 30 s), longer than the test client waits (README, "Payara")
        assumeFalse(TestRuntime.isPayara());
        String huge = "{\"name\":\"" + "a".repeat(70_000) + "\"}";
        assertProblem(issue(huge), 413, "invalid_argument");
        Api api = api();
        var chunked =
                api.send(
                        api.request("api/v1/tokens", admin())
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () ->
                                                        new java.io.ByteArrayInputStream(
                                                                huge.getBytes()))));
        assertProblem(chunked, 413, "invalid_argument");
    }

    @Test
    void hugeValuesAreInvalid() {
        assertProblem(
                issue("{\"name\":\"hv\",\"description\":\"" + "d".repeat(501) + "\"}"),
                400,
                "invalid_argument");
        assertProblem(
                issue("{\"name\":\"hv\",\"ttl\":\"99999999999999999999d\"}"),
                400,
                "invalid_argument");
    }

    @Test
    void wrongMethodsMediaTypesAndPathsAreClientErrors() {
        Api api = api();
        String admin = admin();
        assertProblem(
                api.send(
                        api.request("api/v1/tokens", admin)
                                .PUT(HttpRequest.BodyPublishers.ofString("{}"))),
                405,
                "invalid_argument");
        assertProblem(
                api.send(
                        api.request("api/v1/tokens", admin)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("name"))),
                415,
                "invalid_argument");
        assertProblem(api.get("api/v1/nothing-here", admin), 404, "not_found");
        assertProblem(api.get("api/v1/tokens/%20", admin), 400, "invalid_argument");
        assertProblem(api.get("api/v1/tokens/" + "9".repeat(300), admin), 400, "invalid_argument");
    }

    @Test
    void answersTheWarNeverSeesCarrySecurityHeadersToo() {
        // server-config/wildfly's host filters; Payara Micro has no such setting (README)
        assumeFalse(TestRuntime.isPayara());
        Api api = api();
        // /openapi is WildFly's, and TRACE is refused by the container before any servlet
        for (Api.Reply reply :
                List.of(
                        api.get("openapi", null),
                        api.send(
                                api.request("api/v1/tokens", null)
                                        .method("TRACE", HttpRequest.BodyPublishers.noBody())))) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
            assertEquals("DENY", reply.header("X-Frame-Options"));
            assertEquals("frame-ancestors 'none'", reply.header("Content-Security-Policy"));
        }
        assertEquals(
                405,
                api.send(
                                api.request("api/v1/tokens", null)
                                        .method("TRACE", HttpRequest.BodyPublishers.noBody()))
                        .status());
    }

    @Test
    void refusedWritesLeaveNothingBehind() {
        issue("{\"name\":\"left-behind\",\"ttl\":\"1week\"}");
        assertEquals(0, api().get("api/v1/tokens?name=left-behind", admin()).items().size());
    }
}
