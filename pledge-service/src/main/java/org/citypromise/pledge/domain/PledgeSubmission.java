package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A pledge as a client submits it, before anything is checked: any field may be missing or wrong.
 *
 * @param unit       optional; when given it must be the action's unit, so a client that thinks in other
 *                   units learns it instead of pledging a wrong amount
 * @param targetDate optional; by when the pledge is to be fulfilled, after today
 * @param participantRef optional; the client's stable reference of who pledges (an account or app install id),
 *                   so that participants are counted once. It never leaves pledge-service: only its keyed
 *                   hash does.
 * @param displayName optional personal data, see {@link PersonalDetails}
 * @param contact    optional personal data, see {@link PersonalDetails}
 */
public record PledgeSubmission(String cityId, String stakeholderType, String actionCode, BigDecimal quantity,
                               String unit, LocalDate targetDate, String participantRef, String displayName,
                               String contact) {

    /** A submission without personal details. */
    public PledgeSubmission(String cityId, String stakeholderType, String actionCode, BigDecimal quantity,
                            String unit, LocalDate targetDate, String participantRef) {
        this(cityId, stakeholderType, actionCode, quantity, unit, targetDate, participantRef, null, null);
    }

    /** Pledges look ahead a few years at most; a target date further out is a typo. */
    static final int MAX_YEARS_AHEAD = 30;

    private static final Pattern CITY_SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Activity data finer than a thousandth of a unit is noise, or an attempt to game rounding. */
    static final int MAX_QUANTITY_DECIMALS = 3;

    /**
     * Checks the submission against the catalog and turns it into an active pledge, estimated with the
     * city's own factor where it published one, else the catalog's default. Every problem is reported at
     * once. The city must be known; that is checked by the caller, which knows the cities.
     */
    public Pledge accept(ActionCatalog catalog, CityFactors cityFactors, UUID id, Instant now) {
        return accept(catalog, cityFactors, id, null, now);
    }

    /** As {@link #accept(ActionCatalog, CityFactors, UUID, Instant)}, for a participant known by a pseudonym. */
    public Pledge accept(ActionCatalog catalog, CityFactors cityFactors, UUID id, String participantId, Instant now) {
        List<PledgeRefused.Reason> reasons = new ArrayList<>();
        checkCityId(cityId, reasons);
        StakeholderType type = parseStakeholderType(reasons);
        Action action = checkAction(catalog, actionCode, quantity, reasons);
        if (participantRef != null && (participantRef.isBlank() || participantRef.length() > 100
                || !participantRef.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            reasons.add(new PledgeRefused.Reason("participantRef", "reason.visible-ascii", 100));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (targetDate != null && (!targetDate.isAfter(today) || targetDate.isAfter(today.plusYears(MAX_YEARS_AHEAD)))) {
            reasons.add(new PledgeRefused.Reason("targetDate", "reason.target-date", MAX_YEARS_AHEAD));
        }
        if (unit != null && action != null && !unit.equals(action.unit())) {
            reasons.add(new PledgeRefused.Reason("unit", "reason.unit", action.unit(), action.code()));
        }
        PersonalDetails.check(displayName, contact, reasons);
        if (!reasons.isEmpty()) {
            throw new PledgeRefused(reasons);
        }
        PledgeEstimate estimate = PledgeEstimate.of(action, cityFactors, cityId, quantity);
        return new Pledge(id, cityId, participantId, type, action, estimate.quantity(), estimate.factor(),
                estimate.tco2ePerYear(), targetDate, BigDecimal.ZERO, PledgeStatus.ACTIVE, 1, now, now);
    }

    static void checkCityId(String cityId, List<PledgeRefused.Reason> reasons) {
        if (cityId == null || cityId.length() > 64 || !CITY_SLUG.matcher(cityId).matches()) {
            reasons.add(new PledgeRefused.Reason("cityId", "reason.city-slug"));
        }
    }

    /** The catalog's action of that code, if the code and the quantity of it are acceptable; else null. */
    static Action checkAction(ActionCatalog catalog, String actionCode, BigDecimal quantity,
                              List<PledgeRefused.Reason> reasons) {
        Optional<Action> action = catalog.find(actionCode);
        if (actionCode == null) {
            reasons.add(new PledgeRefused.Reason("actionCode", "reason.required"));
        } else if (action.isEmpty()) {
            reasons.add(new PledgeRefused.Reason("actionCode", "reason.unknown-action"));
        }
        if (quantity == null) {
            reasons.add(new PledgeRefused.Reason("quantity", "reason.required"));
        } else if (quantity.signum() <= 0) {
            reasons.add(new PledgeRefused.Reason("quantity", "reason.positive"));
        } else if (quantity.stripTrailingZeros().scale() > MAX_QUANTITY_DECIMALS) {
            reasons.add(new PledgeRefused.Reason("quantity", "reason.decimals", MAX_QUANTITY_DECIMALS));
        } else if (action.isPresent() && quantity.compareTo(action.get().maxQuantity()) > 0) {
            reasons.add(new PledgeRefused.Reason("quantity", "reason.at-most",
                    action.get().maxQuantity().toPlainString(), action.get().unit(), action.get().code()));
        }
        return action.orElse(null);
    }

    /** The personal details given with the submission, checked, surrounding blanks stripped. */
    public PersonalDetails personalDetails() {
        List<PledgeRefused.Reason> reasons = new ArrayList<>();
        PersonalDetails details = PersonalDetails.check(displayName, contact, reasons);
        if (!reasons.isEmpty()) {
            throw new PledgeRefused(reasons);
        }
        return details;
    }

    /** 120.000 and 1.2E+2 are both 120: one canonical form for storage, events and fingerprints. */
    static BigDecimal normalise(BigDecimal quantity) {
        BigDecimal normalised = quantity.stripTrailingZeros();
        return normalised.scale() < 0 ? normalised.setScale(0) : normalised;
    }

    private StakeholderType parseStakeholderType(List<PledgeRefused.Reason> reasons) {
        if (stakeholderType == null) {
            reasons.add(new PledgeRefused.Reason("stakeholderType", "reason.required"));
            return null;
        }
        try {
            return StakeholderType.valueOf(stakeholderType);
        } catch (IllegalArgumentException e) {
            reasons.add(new PledgeRefused.Reason("stakeholderType", "reason.one-of",
                    Arrays.toString(StakeholderType.values())));
            return null;
        }
    }
}
