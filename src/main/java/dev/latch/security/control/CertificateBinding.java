package dev.latch.security.control;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * RFC 8705 certificate-bound credentials: a credential issued over mutual TLS remembers the SHA-256
 * thumbprint of the client certificate ({@code x5t#S256}), and is accepted only over a connection
 * that presents that certificate again. The certificate is read through the Servlet API, so any
 * container that ends TLS itself provides it.
 */
public final class CertificateBinding {

    /** The Servlet API's name for the TLS client's chain, its own certificate first. */
    private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";

    private CertificateBinding() {}

    /**
     * The {@code x5t#S256} of the client certificate this request came with, if it came with one.
     */
    public static Optional<String> thumbprint(HttpServletRequest request) {
        return presented(request)
                .map(digest -> Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    /**
     * Refuses a bound credential unless this request presents its certificate; checked on every
     * request, from cache or not, since the credential can be replayed over another connection.
     */
    public static void check(Caller caller, HttpServletRequest request) {
        if (caller.certificateThumbprint() == null) {
            return;
        }
        Optional<byte[]> presented = presented(request);
        if (presented.isEmpty()) {
            throw new LatchException(
                    ErrorCode.UNAUTHENTICATED,
                    "The bearer token is bound to a client certificate (RFC 8705), and this"
                            + " request presented none; call over TLS with that certificate");
        }
        byte[] bound = Base64.getUrlDecoder().decode(caller.certificateThumbprint());
        if (!MessageDigest.isEqual(bound, presented.get())) {
            throw new LatchException(
                    ErrorCode.UNAUTHENTICATED,
                    "The bearer token is bound to a client certificate (RFC 8705), and this"
                            + " request presented another one");
        }
    }

    private static Optional<byte[]> presented(HttpServletRequest request) {
        if (!(request.getAttribute(CLIENT_CHAIN) instanceof X509Certificate[] chain)
                || chain.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Sha256.digest(chain[0].getEncoded()));
        } catch (CertificateEncodingException e) {
            // the container parsed it from the handshake: it has an encoding
            throw new IllegalStateException("a client certificate without a DER encoding", e);
        }
    }
}
