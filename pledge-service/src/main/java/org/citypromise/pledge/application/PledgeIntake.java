package org.citypromise.pledge.application;

import org.citypromise.pledge.domain.ActionCatalog;
import org.citypromise.pledge.domain.Caller;
import org.citypromise.pledge.domain.CityFactors;
import org.citypromise.pledge.domain.EstimateUnavailable;
import org.citypromise.pledge.domain.IdempotencyKeyTaken;
import org.citypromise.pledge.domain.Pledge;
import org.citypromise.pledge.domain.PledgeClosed;
import org.citypromise.pledge.domain.PledgeEstimate;
import org.citypromise.pledge.domain.PledgeRecord;
import org.citypromise.pledge.domain.PledgeStatus;
import org.citypromise.pledge.domain.PledgeSubmission;
import org.citypromise.pledge.domain.StaleVersion;
import org.citypromise.pledge.messaging.PledgeAnnouncements;
import org.citypromise.pledge.store.KnownCities;
import org.citypromise.pledge.store.PledgeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The use cases of pledges. Takes pledges in: checks them, stores each with the event that announces it,
 * and answers retries of the same submission with the pledge already taken, so a client that lost our
 * answer never pledges twice. Reads, lists, changes and lapses them, and erases a resident's personal data.
 */
public class PledgeIntake {

    private static final Logger log = LoggerFactory.getLogger(PledgeIntake.class);

    /** What the client gets back: the pledge, and whether it was taken by an earlier try. */
    public record Taken(PledgeRecord stored, boolean replayed) {
        public Pledge pledge() {
            return stored.pledge();
        }
    }

    /** The city is not (yet) registered by inventory-service. */
    public static class UnknownCity extends RuntimeException {
        public UnknownCity(String cityId) {
            super("city '" + cityId + "' is not registered");
        }
    }

    /** A pledge asked for by someone who may not read or change it. */
    public static class NotYours extends RuntimeException {
        public NotYours(UUID id, String what) {
            super("you may not " + what + " pledge " + id);
        }
    }

    /** An idempotency key reused for a different submission. */
    public static class IdempotencyKeyReused extends RuntimeException {
        public IdempotencyKeyReused(String key) {
            super("Idempotency-Key '" + key + "' was already used for a different pledge");
        }
    }

    private final ActionCatalog catalog;
    private final KnownCities cities;
    private final PledgeStore store;
    private final PledgeAnnouncements announcements;
    private final Clock clock;
    private final Pseudonyms pseudonyms;

    public PledgeIntake(ActionCatalog catalog, KnownCities cities, PledgeStore store, PledgeAnnouncements announcements,
                        Clock clock, Pseudonyms pseudonyms) {
        this.catalog = catalog;
        this.cities = cities;
        this.store = store;
        this.announcements = announcements;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
    }

    /** A resident's submission: {@code owner} is their subject, who alone may change the pledge later. */
    public Taken submit(PledgeSubmission submission, String idempotencyKey, String owner) {
        String fingerprint = idempotencyKey == null ? null : fingerprint(submission, owner);
        Optional<Taken> earlier = earlier(idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Pledge pledge = inCity(submission.cityId(), factors -> submission.accept(catalog, factors, UUID.randomUUID(),
                participant(owner, submission.participantRef()), clock.instant()));
        PledgeRecord stored = new PledgeRecord(pledge, owner, submission.personalDetails(), idempotencyKey, fingerprint);
        try {
            store.insert(stored, announcements.of(pledge));
        } catch (IdempotencyKeyTaken e) {
            // A concurrent try of the same request won the race: answer with what it stored.
            return earlier(idempotencyKey, fingerprint).orElseThrow(() -> e);
        }
        log.info("Pledge {} taken: city={} action={} quantity={} {} estimate={} tCO2e/yr ({} factor {})", pledge.id(),
                pledge.cityId(), pledge.action().code(), pledge.quantity().toPlainString(), pledge.action().unit(),
                pledge.estimatedTco2ePerYear().toPlainString(), pledge.factor().origin(), pledge.factor().code());
        return new Taken(stored, false);
    }

    /**
     * What a pledge of {@code quantity} of the action would be estimated at in the city now: checked and computed
     * as {@link #submit} does, refused for the same reasons.
     */
    public PledgeEstimate estimate(String cityId, String actionCode, BigDecimal quantity) {
        return inCity(cityId, factors -> PledgeEstimate.of(catalog, factors, cityId, actionCode, quantity));
    }

    /**
     * Runs {@code estimating} with the city's factors; an unregistered city is refused with {@link UnknownCity}, but
     * only after the input was checked, so that a bad request is reported as such even for an unknown city.
     */
    private <T> T inCity(String cityId, Function<CityFactors, T> estimating) {
        Optional<CityFactors> city = cityId == null ? Optional.empty() : cities.registered(cityId);
        T result;
        try {
            result = estimating.apply(city.orElse(CityFactors.NONE));
        } catch (EstimateUnavailable e) {
            if (city.isEmpty()) {
                throw new UnknownCity(cityId);   // no factor because no city: say that
            }
            throw e;
        }
        if (city.isEmpty()) {
            throw new UnknownCity(cityId);
        }
        return result;
    }

    /**
     * Who pledges, as a pseudonym: the resident's account, or a member of it the client names
     * ({@code participantRef}, e.g. one person of a household using the same app). One already known under a
     * previous key keeps that pseudonym, so that a key rotation does not count anyone twice.
     */
    private String participant(String owner, String participantRef) {
        if (owner == null || (participantRef != null && participantRef.isBlank())) {
            return null; // no one to name (the blank reference is refused with the rest of the submission)
        }
        String who = participantRef == null ? "account:" + owner : "member:" + owner + "/" + participantRef;
        return store.knownParticipant(pseudonyms.previous(who)).orElseGet(() -> pseudonyms.of(who));
    }

    /** A pledge, for its owner, its city's officers or an admin. */
    public PledgeRecord read(UUID id, Caller caller) {
        PledgeRecord stored = store.find(id).orElseThrow(() -> new UnknownPledge(id));
        if (!caller.mayRead(stored.owner(), stored.pledge().cityId())) {
            throw new NotYours(id, "read");
        }
        return stored;
    }

    /**
     * Erases the caller's personal data: their pledges lose their owner and personal details and stay
     * counted, anonymised.
     *
     * @return how many pledges were anonymised
     */
    public long erasePersonalData(Caller caller) {
        if (!hasSubject(caller)) {
            return 0;
        }
        long anonymised = store.erase(caller.subject());
        // no subject in the log: it would keep what was just erased
        log.info("Personal data erased on a resident's request: {} pledges anonymised", anonymised);
        return anonymised;
    }

    public List<PledgeRecord> list(String cityId, PledgeStatus status, int offset, int limit) {
        if (!cities.isKnown(cityId)) {
            throw new UnknownCity(cityId);
        }
        return store.list(cityId, status, offset, limit);
    }

    /**
     * The caller's own pledges, newest first. Pledges whose personal data they erased are no longer linked to them:
     * they are not among these.
     */
    public List<PledgeRecord> own(Caller caller, int offset, int limit) {
        return hasSubject(caller) ? store.ownedBy(caller.subject(), offset, limit) : List.of();
    }

    public long countOwn(Caller caller) {
        return hasSubject(caller) ? store.countOwnedBy(caller.subject()) : 0;
    }

    /** Everything this service holds about the caller: their pledges with the personal details given with them. */
    public List<PledgeRecord> personalData(Caller caller) {
        return own(caller, 0, Integer.MAX_VALUE);
    }

    /** A token without a subject owns nothing (asking for "no owner" would reach every anonymised pledge). */
    private static boolean hasSubject(Caller caller) {
        return caller.subject() != null && !caller.subject().isBlank();
    }

    public long count(String cityId, PledgeStatus status) {
        return store.count(cityId, status);
    }

    /** Whether inventory-service has registered this city (as far as this service has learned). */
    public boolean isRegistered(String cityId) {
        return cities.isKnown(cityId);
    }

    /** A progress report on the pledge at {@code expectedVersion}; reaching the pledged quantity fulfils it. */
    public PledgeRecord reportProgress(UUID id, long expectedVersion, BigDecimal achievedQuantity,
                                                   Caller caller) {
        return change(id, expectedVersion, caller, pledge -> pledge.reportProgress(achievedQuantity, clock.instant()));
    }

    public PledgeRecord withdraw(UUID id, long expectedVersion, Caller caller) {
        return change(id, expectedVersion, caller, pledge -> pledge.withdraw(clock.instant()));
    }

    /**
     * Lapses active pledges whose target date has passed unfulfilled; each is announced like any change. Run
     * every {@code citypromise.pledges.lapse-interval} (see PledgeConfiguration).
     */
    public void lapseOverdue() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (Pledge due : store.dueToLapse(today, 500)) {
            try {
                change(due.id(), due.version(), null, pledge -> pledge.lapse(clock.instant()));
            } catch (StaleVersion | PledgeClosed changedMeanwhile) {
                // reported or withdrawn meanwhile: the next sweep sees it as it is now
            }
        }
    }

    /** @param caller who asks for the change; null for this service's own (a lapse) */
    private PledgeRecord change(UUID id, long expectedVersion, Caller caller, UnaryOperator<Pledge> change) {
        PledgeRecord stored = store.find(id).orElseThrow(() -> new UnknownPledge(id));
        if (caller != null && !caller.mayChange(stored.owner())) {
            throw new NotYours(id, "change");
        }
        Pledge current = stored.pledge();
        if (current.version() != expectedVersion) {
            throw new StaleVersion(id, expectedVersion);
        }
        Pledge next = change.apply(current);
        store.change(next, announcements.of(next));
        log.info("Pledge {} of {}: {} (version {}), achieved {} of {} {}", id, next.cityId(), next.status(),
                next.version(), next.achievedQuantity().toPlainString(), next.quantity().toPlainString(),
                next.action().unit());
        return stored.with(next);
    }

    /** No pledge has this id. */
    public static class UnknownPledge extends RuntimeException {
        public UnknownPledge(UUID id) {
            super("no pledge " + id);
        }
    }

    private Optional<Taken> earlier(String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return store.findByIdempotencyKey(idempotencyKey).map(stored -> {
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReused(idempotencyKey);
            }
            return new Taken(stored, true);
        });
    }

    /** Identifies a submission's content, so that a retry can be told from a different request. */
    static String fingerprint(PledgeSubmission submission, String owner) {
        // the owner too: another resident's retry under the same key is not the same submission
        String canonical = String.join("\u001f", String.valueOf(owner), String.valueOf(submission.cityId()),
                String.valueOf(submission.stakeholderType()), String.valueOf(submission.actionCode()),
                submission.quantity() == null ? "null" : submission.quantity().stripTrailingZeros().toPlainString(),
                String.valueOf(submission.unit()), String.valueOf(submission.targetDate()),
                String.valueOf(submission.participantRef()), String.valueOf(submission.displayName()),
                String.valueOf(submission.contact()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
