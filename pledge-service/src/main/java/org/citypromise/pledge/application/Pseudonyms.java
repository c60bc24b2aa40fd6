package org.citypromise.pledge.application;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns who pledges into the pseudonym that leaves this service: a keyed hash (HMAC-SHA-256), so the same
 * participant is counted once everywhere without anyone outside being able to tell who it is, or to
 * recompute it without the key.
 * <p>
 * The key rotates: new participants get pseudonyms under the current key, prefixed with its id
 * ({@code dev2:…}); the previous keys stay configured for a while so that a participant already known by
 * a pseudonym under one of them keeps it (see {@link PledgeIntake}) and is not counted twice. Once a
 * previous key is removed, and destroyed, nobody (not even this service) can link its pseudonyms to a
 * person any more: that is how the pseudonyms of erased residents become anonymous.
 */
public class Pseudonyms {

    private record Key(String id, SecretKeySpec secret) {
        Key(String id, String secret) {
            this(id, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (id == null || !id.matches("[a-z0-9-]{1,16}")) {
                throw new IllegalArgumentException("a pseudonym key id must be 1 to 16 of a-z, 0-9 and -: " + id);
            }
            if (secret.length() < 32) {
                throw new IllegalArgumentException("pseudonym key " + id + " must have at least 32 characters");
            }
        }
    }

    private final Key current;
    private final List<Key> previous = new ArrayList<>();

    /**
     * @param keyId        the current key's id, which prefixes every pseudonym made with it
     * @param previousKeys the keys used before, by id (e.g. {@code CITYPROMISE_PARTICIPANTS_PREVIOUS_PSEUDONYM_KEYS_DEV1})
     */
    public Pseudonyms(String keyId, String key, Map<String, String> previousKeys) {
        this.current = new Key(keyId, key);
        new TreeMap<>(previousKeys).forEach((id, secret) -> {
            if (id.equals(keyId)) {
                throw new IllegalArgumentException("pseudonym key " + id + " is both current and previous");
            }
            previous.add(new Key(id, secret));
        });
    }

    /** The pseudonym of a participant under the current key. */
    public String of(String participant) {
        return of(current, participant);
    }

    /** The pseudonyms a participant may already be known by: one under each previous key. */
    public List<String> previous(String participant) {
        return previous.stream().map(key -> of(key, participant)).toList();
    }

    private static String of(Key key, String participant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.secret());
            return key.id() + ":" + HexFormat.of().formatHex(mac.doFinal(participant.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
