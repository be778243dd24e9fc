package io.cairn.identity.sso;

import io.cairn.common.CairnProperties;
import io.cairn.common.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The client secrets of organizations' identity providers. Cairn must present them to the provider, so they cannot
 * be hashed: they are encrypted with AES-256-GCM (the organization id as associated data, so a ciphertext copied
 * to another organization does not decrypt) under a key kept in {@code $CAIRN_DATA_DIR/sso/secret-key} (mode
 * 0600, created on first use). They are never in an event, a log line or an API answer.
 */
@Component
public class SsoSecrets {

    private static final Logger log = LoggerFactory.getLogger(SsoSecrets.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    public SsoSecrets(JdbcClient jdbc, Clock clock, CairnProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keyFile = properties.dataDir().toAbsolutePath().normalize().resolve("sso").resolve("secret-key");
    }

    public void store(String tenantId, String secret) {
        String ciphertext = encrypt(tenantId, secret);
        long now = clock.millis();
        int updated = jdbc.sql("UPDATE org_sso_secrets SET ciphertext = ?, changed_time = ? WHERE tenant_id = ?")
                .params(ciphertext, now, tenantId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO org_sso_secrets (tenant_id, ciphertext, changed_time) VALUES (?, ?, ?)")
                    .params(tenantId, ciphertext, now).update();
        }
    }

    public boolean exists(String tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM org_sso_secrets WHERE tenant_id = ?").param(tenantId)
                .query(Long.class).single() > 0;
    }

    public Optional<String> find(String tenantId) {
        return jdbc.sql("SELECT ciphertext FROM org_sso_secrets WHERE tenant_id = ?").param(tenantId)
                .query(String.class).optional().map(ciphertext -> decrypt(tenantId, ciphertext));
    }

    public void delete(String tenantId) {
        jdbc.sql("DELETE FROM org_sso_secrets WHERE tenant_id = ?").param(tenantId).update();
    }

    private String encrypt(String tenantId, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private String decrypt(String tenantId, String ciphertext) {
        try {
            byte[] bytes = Base64.getDecoder().decode(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The SSO client secret of organization '" + tenantId + "' does not "
                    + "decrypt with " + keyFile + " (was the key replaced?); set the secret again", e);
        }
    }

    private SecretKey key() {
        SecretKey known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                known = key;
            }
        }
        return known;
    }

    private SecretKey loadOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                byte[] bytes = new byte[KEY_BYTES];
                random.nextBytes(bytes);
                SecretFiles.writeOwnerOnly(keyFile, Base64.getEncoder().encodeToString(bytes));
                log.info("Created the key for SSO client secrets in {} (mode 0600)", keyFile);
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.UTF_8).strip());
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException(keyFile + " does not hold a 256-bit key");
            }
            return new SecretKeySpec(bytes, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key for SSO client secrets in " + keyFile, e);
        }
    }
}
