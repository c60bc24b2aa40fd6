package org.citypromise.pledge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Turns a participant's reference into the pseudonym that leaves this service: a keyed hash
 * (HMAC-SHA-256), so the same participant is counted once everywhere without anyone outside being able
 * to tell who it is, or to recompute it without the key. The key id is part of the pseudonym, so the key
 * can be rotated: pseudonyms made with a new key are simply new.
 */
@Component
public class Pseudonyms {

    private final String keyId;
    private final SecretKeySpec key;

    public Pseudonyms(@Value("${citypromise.participants.pseudonym-key-id}") String keyId,
                      @Value("${citypromise.participants.pseudonym-key}") String key) {
        if (key.length() < 32) {
            throw new IllegalArgumentException("citypromise.participants.pseudonym-key must have at least 32 characters");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String participantRef) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return keyId + ":" + HexFormat.of().formatHex(mac.doFinal(participantRef.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
