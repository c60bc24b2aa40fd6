package org.citypromise.pledge.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A climate action a stakeholder can pledge: what it is, where it counts in the city's GPC inventory,
 * the activity unit it is pledged in, and the emission factor that turns that activity into avoided
 * emissions. Estimate: quantity (unit per year) x factor (kg CO2e per unit) / 1000 = tCO2e per year.
 *
 * @param gpcRef        GPC reference number of the inventory row the avoided emissions come off
 * @param scope         the GPC scope of that row (1, 2 or 3)
 * @param factorCode    which factor it is estimated with; a city's own factor of that code comes first
 * @param factorUnit    the unit that factor must be in, e.g. {@code kgCO2e/kWh}
 * @param defaultFactor the catalog's cited default; null where only the city can know (grid electricity)
 * @param maxQuantity   the most one pledge can credibly claim; above it is a typo or abuse
 */
public record Action(String code, String title, PledgeArea area, String gpcRef, int scope, String unit,
                     String factorCode, String factorUnit, EmissionFactor defaultFactor, BigDecimal maxQuantity) {

    /** Estimates are kept to the gram of CO2e, which makes every sum of them exact. */
    public static final int TONNE_SCALE = 6;

    private static final BigDecimal KG_PER_TONNE = BigDecimal.valueOf(1000);

    public String gpcSector() {
        return gpcRef.substring(0, gpcRef.indexOf('.'));
    }

    /** The city's factor for this action if it published one in the right unit, else the default, if any. */
    public Optional<EmissionFactor> factorIn(CityFactors city) {
        return city.factor(factorCode).filter(factor -> factorUnit.equals(factor.unit()))
                .or(() -> Optional.ofNullable(defaultFactor));
    }

    /** Tonnes CO2e avoided per year by {@code quantity} of this activity under {@code factor}. */
    public BigDecimal estimateTco2ePerYear(BigDecimal quantity, EmissionFactor factor) {
        return quantity.multiply(factor.value()).divide(KG_PER_TONNE, TONNE_SCALE, RoundingMode.HALF_EVEN);
    }

    /** The formula, as the catalog documents it. */
    public String formula() {
        return "quantity [" + unit + "] x " + factorCode + " [" + factorUnit + "] / 1000 = tCO2e avoided per year";
    }
}
