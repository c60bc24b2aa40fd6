package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.pledge.domain.Action;
import org.citypromise.pledge.domain.ActionCatalog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Actions", description = "The catalog of actions that can be pledged")
class ActionController {

    private final ActionCatalog catalog;

    ActionController(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    record ActionResource(String code, String title, String pledgeArea, String gpcRef, String gpcSector, int scope,
                          String unit, BigDecimal maxQuantity, String factorCode, String factorUnit,
                          @Schema(description = "Null where only the city can supply the factor (grid electricity)")
                          PledgeController.FactorResource defaultEmissionFactor,
                          String formula) {

        static ActionResource of(Action action) {
            return new ActionResource(action.code(), action.title(), action.area().name(), action.gpcRef(),
                    action.gpcSector(), action.scope(), action.unit(), action.maxQuantity(), action.factorCode(),
                    action.factorUnit(), PledgeController.FactorResource.of(action.defaultFactor()), action.formula());
        }
    }

    record ActionList(List<ActionResource> items) {
    }

    @GetMapping("/api/v1/actions")
    @Operation(summary = "Every action that can be pledged, with its GPC row, unit and default factor")
    ActionList actions() {
        return new ActionList(catalog.all().stream().map(ActionResource::of).toList());
    }
}
