package dev.latch.join;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import dev.latch.support.Tls;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * prexor's nodes over mutual TLS (RFC 8705): an exchange that presents a client certificate of the
 * configured CA yields a node credential bound to it, accepted only with that certificate.
 */
class CertificateBoundNodesIT extends LatchIT {

    private static final String NO_CERTIFICATE =
            "The bearer token is bound to a client certificate (RFC 8705), and this request"
                    + " presented none; call over TLS with that certificate";
    private static final String OTHER_CERTIFICATE =
            "The bearer token is bound to a client certificate (RFC 8705), and this request"
                    + " presented another one";

    private String joinToken(String nodeId) {
        var reply = api().post("api/v1/admin/tokens", admin(), "{\"node_id\":\"" + nodeId + "\"}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getString("join_token");
    }

    private static Api.Reply exchange(Api over, String joinToken, String nodeId) {
        return over.post(
                "api/v1/bootstrap/exchange",
                null,
                "{\"join_token\":\"" + joinToken + "\",\"node_id\":\"" + nodeId + "\"}");
    }

    /** A node's credential, from an exchange over {@code over}. */
    private JsonObject join(Api over) {
        String nodeId = Api.unique("node");
        var reply = exchange(over, joinToken(nodeId), nodeId);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static String thumbprintIn(JsonObject withCnf) {
        return withCnf.getJsonObject("cnf").getString("x5t#S256");
    }

    private static void assertRefused(Api.Reply reply, String detail) {
        assertEquals(detail, assertProblem(reply, 401, "unauthenticated").string("detail"));
    }

    @Test
    void anExchangeOverMutualTlsBindsTheCredentialToTheCertificateAndSaysSoWhereverItIsShown() {
        JsonObject credential = join(Tls.as("node-a"));
        String thumbprint = Tls.thumbprint("node-a");
        assertEquals(thumbprint, thumbprintIn(credential));

        String node = credential.getString("node_token");
        JsonObject me = Tls.as("node-a").get("api/v1/whoami", node).json();
        assertEquals("node:" + credential.getString("node_id"), me.getString("identity"));
        String tokenId = me.getString("token_id");
        assertEquals(
                thumbprint,
                thumbprintIn(api().get("api/v1/tokens/" + tokenId, admin()).json()),
                "the token's own view");
        JsonObject listed =
                api().get(
                                "api/v1/tokens?kind=node&name=node:"
                                        + credential.getString("node_id"),
                                admin())
                        .items()
                        .getJsonObject(0);
        assertEquals(tokenId, listed.getString("token_id"));
        assertEquals(thumbprint, thumbprintIn(listed), "the token list");
        assertEquals(
                thumbprint,
                thumbprintIn(api().form("api/v1/introspect", admin(), "token", node).json()),
                "introspection (RFC 8705 §3.2)");
    }

    @Test
    void aCertificateOfAnyCaInTheConfiguredBundleBinds() {
        JsonObject credential = join(Tls.as("node-c"));
        assertEquals(Tls.thumbprint("node-c"), thumbprintIn(credential));
        String node = credential.getString("node_token");
        assertEquals(200, Tls.as("node-c").get("api/v1/whoami", node).status());
        assertRefused(Tls.as("node-a").get("api/v1/whoami", node), OTHER_CERTIFICATE);
    }

    @Test
    void aBoundCredentialWorksOverTlsWithItsCertificate() {
        String node = join(Tls.as("node-a")).getString("node_token");
        Api nodeA = Tls.as("node-a");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, nodeA.get("api/v1/whoami", node).status());
        }
    }

    @Test
    void aBoundCredentialWithoutACertificateIsRefusedAndSaysWhy() {
        String node = join(Tls.as("node-a")).getString("node_token");
        assertRefused(Tls.anonymous().get("api/v1/whoami", node), NO_CERTIFICATE);
        assertRefused(api().get("api/v1/whoami", node), NO_CERTIFICATE);
        assertRefused(api().post("api/v1/auth/logout", node, ""), NO_CERTIFICATE);
    }

    @Test
    void aBoundCredentialRefusedForItsCertificateIsNotRecordedAsUsed() throws Exception {
        String node = join(Tls.as("node-a")).getString("node_token");
        String tokenId = Tls.as("node-a").get("api/v1/whoami", node).json().getString("token_id");
        String uses = "api/v1/tokens/" + tokenId + "/uses";
        waitForTotal(uses, 1);
        assertRefused(api().get("api/v1/whoami", node), NO_CERTIFICATE);
        assertRefused(Tls.as("node-b").get("api/v1/whoami", node), OTHER_CERTIFICATE);
        assertEquals(200, Tls.as("node-a").get("api/v1/whoami", node).status());

        // the accepted use arrives; the two refused ones never do (the flush runs every second)
        waitForTotal(uses, 2);
        Thread.sleep(2500);
        assertEquals(2, api().get(uses, admin()).json().getInt("total"));
    }

    private void waitForTotal(String uses, int total) throws InterruptedException {
        for (int i = 0; i < 60 && api().get(uses, admin()).json().getInt("total") < total; i++) {
            Thread.sleep(250);
        }
        assertEquals(total, api().get(uses, admin()).json().getInt("total"));
    }

    @Test
    void aBoundCredentialWithAnotherCertificateOfTheSameCaIsRefused() {
        String node = join(Tls.as("node-a")).getString("node_token");
        assertRefused(Tls.as("node-b").get("api/v1/whoami", node), OTHER_CERTIFICATE);
    }

    @Test
    void theCertificateIsCheckedOnEveryRequestAlsoWhenTheCredentialIsCached() {
        String node = join(Tls.as("node-a")).getString("node_token");
        Api nodeA = Tls.as("node-a");
        Api nodeB = Tls.as("node-b");
        Api anonymous = Tls.anonymous();
        // within the validation cache's lifetime (10 s): every use after the first is a cache hit
        for (int i = 0; i < 5; i++) {
            assertEquals(200, nodeA.get("api/v1/whoami", node).status());
            assertRefused(nodeB.get("api/v1/whoami", node), OTHER_CERTIFICATE);
            assertRefused(anonymous.get("api/v1/whoami", node), NO_CERTIFICATE);
            assertRefused(api().get("api/v1/whoami", node), NO_CERTIFICATE);
        }
    }

    @Test
    void anExchangeWithoutACertificateIssuesAnUnboundCredentialAsBefore() {
        for (Api over : new Api[] {Tls.anonymous(), api()}) {
            JsonObject credential = join(over);
            assertTrue(credential.isNull("cnf"), credential::toString);
            String node = credential.getString("node_token");
            assertEquals(200, api().get("api/v1/whoami", node).status());
            assertEquals(200, Tls.anonymous().get("api/v1/whoami", node).status());
            assertEquals(200, Tls.as("node-b").get("api/v1/whoami", node).status());
            String tokenId = api().get("api/v1/whoami", node).json().getString("token_id");
            assertTrue(api().get("api/v1/tokens/" + tokenId, admin()).json().isNull("cnf"));
        }
    }

    @Test
    void aCertificateOfAnotherCaIsNotAcceptedAsABinding() {
        String nodeId = Api.unique("node");
        String join = joinToken(nodeId);
        // the handshake fails: the exchange never reaches Latch, and the join token stays unused
        assertThrows(
                UncheckedIOException.class,
                () -> exchange(Tls.insisting("stranger"), join, nodeId));
        var reply = exchange(Tls.anonymous(), join, nodeId);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().isNull("cnf"));
    }
}
