package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One stakeholder's commitment to one action in one city, quantified: {@code quantity} of the action's
 * activity per year, times {@code factor}, is {@code estimatedTco2ePerYear} avoided. Progress reports
 * record how much of it is achieved; every change is a new version.
 *
 * @param participantId    the pseudonym of who pledged (a keyed hash), null if the client named no one
 * @param targetDate       by when the pledge is to be fulfilled; null for an open-ended pledge
 * @param achievedQuantity activity achieved so far per year, as last reported (0 until a report)
 * @param changedAt        when this version came about
 */
public record Pledge(UUID id, String cityId, String participantId, StakeholderType stakeholderType, Action action,
                     BigDecimal quantity,
                     EmissionFactor factor, BigDecimal estimatedTco2ePerYear, LocalDate targetDate,
                     BigDecimal achievedQuantity, PledgeStatus status, long version, Instant pledgedAt,
                     Instant changedAt) {

    /** Avoided emissions achieved so far, under the same factor as the estimate. */
    public BigDecimal achievedTco2ePerYear() {
        return action.estimateTco2ePerYear(achievedQuantity, factor);
    }

    /**
     * Records a progress report. Achieving the pledged quantity fulfils the pledge.
     *
     * @throws PledgeRefused       if the quantity is not a sensible amount of the action's activity
     * @throws PledgeClosed        if the pledge is no longer active
     */
    public Pledge reportProgress(BigDecimal achieved, Instant now) {
        requireActive("report progress on");
        if (achieved == null || achieved.signum() < 0 || achieved.compareTo(action.maxQuantity()) > 0
                || achieved.stripTrailingZeros().scale() > PledgeSubmission.MAX_QUANTITY_DECIMALS) {
            throw new PledgeRefused(java.util.List.of(new PledgeRefused.Reason("achievedQuantity",
                    "reason.achieved", action.maxQuantity().toPlainString(), action.unit(),
                    PledgeSubmission.MAX_QUANTITY_DECIMALS)));
        }
        BigDecimal normalised = PledgeSubmission.normalise(achieved);
        PledgeStatus next = normalised.compareTo(quantity) >= 0 ? PledgeStatus.FULFILLED : PledgeStatus.ACTIVE;
        return with(normalised, next, now);
    }

    /** The pledge's maker takes it back. */
    public Pledge withdraw(Instant now) {
        requireActive("withdraw");
        return with(achievedQuantity, PledgeStatus.WITHDRAWN, now);
    }

    /** Whether its target date has passed, unfulfilled, by {@code today}. */
    public boolean isDue(LocalDate today) {
        return status == PledgeStatus.ACTIVE && targetDate != null && targetDate.isBefore(today);
    }

    public Pledge lapse(Instant now) {
        requireActive("lapse");
        return with(achievedQuantity, PledgeStatus.LAPSED, now);
    }

    private void requireActive(String what) {
        if (status.isFinal()) {
            throw new PledgeClosed(id, status, what);
        }
    }

    private Pledge with(BigDecimal achieved, PledgeStatus nextStatus, Instant now) {
        return new Pledge(id, cityId, participantId, stakeholderType, action, quantity, factor, estimatedTco2ePerYear,
                targetDate,
                achieved, nextStatus, version + 1, pledgedAt, now);
    }
}
