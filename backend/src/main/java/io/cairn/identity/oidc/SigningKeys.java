package io.cairn.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.cairn.common.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys the embedded provider signs tokens with: a JWK set in {@code $CAIRN_DATA_DIR/oidc/signing-keys.json}
 * (mode 0600), created with one RSA 3072 key on first start, so that tokens stay valid across restarts. The first
 * key signs; every key in the file verifies (room for a rotation that keeps the old key for a while).
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final int RSA_BITS = 3072;

    private SigningKeys() {
    }

    public static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("oidc").resolve("signing-keys.json");
    }

    /** Reads the key set, creating it on first start. */
    public static JWKSet loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                JWKSet keys = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (keys.getKeys().isEmpty() || !keys.getKeys().get(0).isPrivate()) {
                    throw new IllegalStateException(file + " holds no private signing key");
                }
                return keys;
            }
            RSAKey key = new RSAKeyGenerator(RSA_BITS)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            JWKSet keys = new JWKSet(key);
            SecretFiles.writeOwnerOnly(file, keys.toString(false));
            log.info("Created the token signing key in {} (mode 0600)", file);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing keys in " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK set", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }
}
