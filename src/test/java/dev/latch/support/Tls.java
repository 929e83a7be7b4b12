package dev.latch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The test server's HTTPS and the test run's throwaway PKI (src/test/tls/test-server.sh): clients
 * that trust its CA and present one of its client certificates, or none.
 */
public final class Tls {

    private static final char[] STORE_PASSWORD = "test".toCharArray();

    private Tls() {}

    /** The test server's HTTPS listener: 8443 shifted by the test port offset. */
    public static URI base() {
        int offset = Integer.parseInt(System.getProperty("latch.test.port.offset"));
        return URI.create("https://localhost:" + (8443 + offset) + "/");
    }

    public static Path file(String name) {
        return Path.of(System.getProperty("latch.test.tls.dir"), name);
    }

    /** The RFC 8705 thumbprint of a client's certificate, as openssl computed it. */
    public static String thumbprint(String client) {
        try {
            return Files.readString(file(client + ".x5t")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over HTTPS without a client certificate. */
    public static Api anonymous() {
        return new Api(base(), client(null));
    }

    /** Over HTTPS with the certificate of {@code client} (node-a, node-b: from the server's CA). */
    public static Api as(String client) {
        return new Api(base(), client(keyManager(client)));
    }

    /**
     * Presents {@code client}'s certificate whatever CAs the server asks for: a JDK client would
     * otherwise keep a certificate of a CA the server does not name to itself.
     */
    public static Api insisting(String client) {
        X509KeyManager own = keyManager(client);
        return new Api(
                base(),
                client(
                        new X509ExtendedKeyManager() {
                            @Override
                            public String chooseEngineClientAlias(
                                    String[] keyType, Principal[] issuers, SSLEngine engine) {
                                return client;
                            }

                            @Override
                            public String chooseClientAlias(
                                    String[] keyType, Principal[] issuers, Socket socket) {
                                return client;
                            }

                            @Override
                            public X509Certificate[] getCertificateChain(String alias) {
                                return own.getCertificateChain(alias);
                            }

                            @Override
                            public PrivateKey getPrivateKey(String alias) {
                                return own.getPrivateKey(alias);
                            }

                            @Override
                            public String[] getClientAliases(String keyType, Principal[] issuers) {
                                return new String[] {client};
                            }

                            @Override
                            public String[] getServerAliases(String keyType, Principal[] issuers) {
                                return null;
                            }

                            @Override
                            public String chooseServerAlias(
                                    String keyType, Principal[] issuers, Socket socket) {
                                return null;
                            }
                        }));
    }

    private static X509KeyManager keyManager(String client) {
        try (InputStream in = Files.newInputStream(file(client + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD);
            KeyManagerFactory keys =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            return (X509KeyManager) keys.getKeyManagers()[0];
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + client + ".p12", e);
        }
    }

    private static HttpClient client(KeyManager key) {
        try (InputStream in = Files.newInputStream(file("ca.pem"))) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(key == null ? null : new KeyManager[] {key}, trust.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    .sslContext(tls)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test CA", e);
        }
    }
}
