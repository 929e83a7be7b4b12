package dev.latch.security.control;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 7800's {@code cnf} as RFC 8705 fills it: the client certificate a credential is bound to. */
@Schema(
        description =
                "The client certificate the credential is bound to (RFC 8705): it is accepted only"
                        + " over TLS with that certificate")
public record Confirmation(
        @JsonbProperty("x5t#S256")
                @Schema(
                        name = "x5t#S256",
                        description =
                                "SHA-256 of the certificate's DER encoding, base64url without"
                                        + " padding")
                String x5tS256) {

    /** The {@code cnf} of a credential with this thumbprint; none for an unbound one. */
    public static Confirmation of(String certificateThumbprint) {
        return certificateThumbprint == null ? null : new Confirmation(certificateThumbprint);
    }
}
