package org.citypromise.pledge.domain;

/**
 * A pledge as pledge-service keeps it: the pledge, the resident who made it (their account's subject: it never
 * leaves this service; null once they erased their personal data), what they told about themselves, and the
 * idempotency key it was submitted under with the fingerprint of that submission, if any.
 */
public record PledgeRecord(Pledge pledge, String owner, PersonalDetails personal, String idempotencyKey,
                           String fingerprint) {

    /** The same record holding the next version of its pledge. */
    public PledgeRecord with(Pledge next) {
        return new PledgeRecord(next, owner, personal, idempotencyKey, fingerprint);
    }
}
