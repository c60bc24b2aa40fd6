package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.pledge.application.PledgeIntake;
import org.citypromise.pledge.domain.PledgeEstimate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Pledges")
class EstimateController {

    private final PledgeIntake intake;

    EstimateController(PledgeIntake intake) {
        this.intake = intake;
    }

    @Schema(description = "What a pledge of this action and quantity would be estimated at in the city now")
    record EstimateResource(String cityId, String actionCode, BigDecimal quantity, String unit,
                            @Schema(example = "0.358156", description = "quantity x factor, tCO2e avoided per year")
                            BigDecimal estimatedTco2ePerYear,
                            PledgeController.FactorResource emissionFactor) {

        static EstimateResource of(PledgeEstimate estimate) {
            return new EstimateResource(estimate.cityId(), estimate.action().code(), estimate.quantity(),
                    estimate.action().unit(), estimate.tco2ePerYear(),
                    PledgeController.FactorResource.of(estimate.factor()));
        }
    }

    @GetMapping("/api/v1/cities/{cityId}/pledge-estimate")
    @Operation(summary = "Estimate a pledge before making it (public)",
            description = "The tCO2e per year a pledge of this action and quantity would get in the city now, with the "
                    + "factor it would use: the same number POST /api/v1/cities/{cityId}/pledges gives. Bad or missing "
                    + "actionCode or quantity, an unknown city or a factor the city has not published: the problems "
                    + "that POST answers (400, 404, 422), naming the field. Nothing is stored.")
    EstimateResource estimate(@PathVariable String cityId,
                              @Parameter(description = "An action code from GET /api/v1/actions", example = "COOKING_LPG_REDUCTION")
                              @RequestParam(required = false) String actionCode,
                              @Parameter(description = "Activity per year, in the action's unit, at most 3 decimals",
                                      example = "120")
                              @RequestParam(required = false) BigDecimal quantity) {
        return EstimateResource.of(intake.estimate(cityId, actionCode, quantity));
    }
}
