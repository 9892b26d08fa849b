package io.emporium.identity.key.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM text for RSA keys, as stored in {@code signing_key}: {@code PRIVATE KEY} (PKCS #8) and {@code PUBLIC KEY}
 * (X.509 SubjectPublicKeyInfo), the forms {@code openssl} reads and writes.
 */
final class PemKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private PemKeys() {
    }

    static String encode(RSAPrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    static String encode(RSAPublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    static RSAPrivateKey privateKey(String pem) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(PRIVATE, pem)));
        }
        catch (GeneralSecurityException | ClassCastException ex) {
            throw new IllegalStateException("Stored private key is not an RSA key in PKCS #8 PEM form", ex);
        }
    }

    static RSAPublicKey publicKey(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(PUBLIC, pem)));
        }
        catch (GeneralSecurityException | ClassCastException ex) {
            throw new IllegalStateException("Stored public key is not an RSA key in X.509 PEM form", ex);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("Stored key is not PEM of type " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }
}
