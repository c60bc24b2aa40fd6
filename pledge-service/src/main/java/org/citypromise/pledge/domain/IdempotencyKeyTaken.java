package org.citypromise.pledge.domain;

/** Another submission already holds this idempotency key (a concurrent retry, or a different pledge). */
public class IdempotencyKeyTaken extends RuntimeException {

    public IdempotencyKeyTaken(String key) {
        super("idempotency key " + key + " is taken");
    }
}
