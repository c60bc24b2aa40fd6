package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.pledge.domain.Action;
import org.citypromise.pledge.domain.ActionCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

@RestController
@Tag(name = "Actions", description = "The catalog of actions that can be pledged")
class ActionController {

    private final ActionCatalog catalog;

    ActionController(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    record ActionResource(String code, String title, String pledgeArea, String gpcRef, String gpcSector, int scope,
                          String unit, BigDecimal maxQuantity, PledgeController.FactorResource defaultEmissionFactor,
                          String formula) {

        static ActionResource of(Action action) {
            return new ActionResource(action.code(), action.title(), action.area().name(), action.gpcRef(),
                    action.gpcSector(), action.scope(), action.unit(), action.maxQuantity(),
                    new PledgeController.FactorResource(action.defaultFactor().value(), action.defaultFactor().unit(),
                            action.defaultFactor().source()),
                    "quantity [" + action.unit().replace("/yr", "") + "/yr] x factor [" + action.defaultFactor().unit()
                            + "] / 1000 = tCO2e avoided per year");
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
