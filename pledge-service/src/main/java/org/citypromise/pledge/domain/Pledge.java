package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One stakeholder's commitment to one action in one city, quantified: {@code quantity} of the action's
 * activity per year, times {@code factor}, is {@code estimatedTco2ePerYear} avoided.
 */
public record Pledge(UUID id, String cityId, StakeholderType stakeholderType, Action action, BigDecimal quantity,
                     EmissionFactor factor, BigDecimal estimatedTco2ePerYear, PledgeStatus status, long version,
                     Instant pledgedAt) {
}
