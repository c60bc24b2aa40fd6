package org.citypromise.web.web;

import java.util.UUID;

/**
 * The pledge form as typed, kept as text so that a refused form comes back exactly as it was sent. The
 * idempotency key is made when the form is first shown and travels with it, so that a double tap or a
 * resend of the same form makes one pledge.
 */
public record PledgeForm(String city, String action, String quantity, String stakeholderType, String targetDate,
                         String displayName, String contact, Boolean consent, String idempotencyKey) {

    public PledgeForm {
        quantity = trimmed(quantity);
        stakeholderType = trimmed(stakeholderType);
        targetDate = trimmed(targetDate);
        displayName = trimmed(displayName);
        contact = trimmed(contact);
        // an unticked checkbox sends nothing at all
        consent = Boolean.TRUE.equals(consent);
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            idempotencyKey = UUID.randomUUID().toString();
        }
    }

    static PledgeForm start(String city, String action) {
        return new PledgeForm(city, action, "", "INDIVIDUAL", "", "", "", false, null);
    }

    /** Personal details are given only with a plain yes to how they are used. */
    boolean personalDetailsWithoutConsent() {
        return !consent && (!displayName.isEmpty() || !contact.isEmpty());
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }
}
