package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/** An action of pledge-service's catalog, as {@code GET /api/v1/actions} answers it in the visitor's language. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogAction(String code, String title, String description, String pledgeArea, String gpcRef,
                            String gpcSector, int scope, String unit, BigDecimal maxQuantity) {
}
