package org.citypromise.aggregation.domain;

/**
 * Which emission factor a pledge's estimate used, and on how much activity: what it takes to restate
 * the estimate when the city publishes a factor of its own.
 *
 * @param milliQuantity the pledged activity per year in thousandths of the unit (pledges have at most
 *                      three decimals), so that sums of it are exact
 */
public record FactorUse(String code, String unit, long milliQuantity) {

    public FactorUse {
        if (code == null || unit == null || milliQuantity < 0) {
            throw new IllegalArgumentException("a factor use needs a code, a unit and a quantity of 0 or more");
        }
    }
}
