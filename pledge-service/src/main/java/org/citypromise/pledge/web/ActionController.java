package org.citypromise.pledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.kit.web.ApiLanguages;
import org.citypromise.pledge.domain.Action;
import org.citypromise.pledge.domain.ActionCatalog;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Actions", description = "The catalog of actions that can be pledged")
class ActionController {

    private final ActionCatalog catalog;
    private final MessageSource messages;

    ActionController(ActionCatalog catalog, MessageSource messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    record ActionResource(String code,
                          @Schema(description = "In the Accept-Language language", example = "Replace home lighting with LEDs")
                          String title,
                          @Schema(description = "What the action is and how to count it, in the Accept-Language language")
                          String description,
                          String pledgeArea, String gpcRef, String gpcSector, int scope,
                          String unit, BigDecimal maxQuantity, String factorCode, String factorUnit,
                          @Schema(description = "Null where only the city can supply the factor (grid electricity)")
                          PledgeController.FactorResource defaultEmissionFactor,
                          String formula) {
    }

    record ActionList(List<ActionResource> items) {
    }

    @GetMapping("/api/v1/actions")
    @Operation(summary = "Every action that can be pledged, with its GPC row, unit and default factor",
            description = "Titles and descriptions in the language of Accept-Language (en, ko, id, fil, vi; English for "
                    + "any other), which Content-Language names; codes, units and field names are the same in all.",
            parameters = @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.ACCEPT_LANGUAGE, example = "ko"))
    ResponseEntity<ActionList> actions() {
        Locale language = ApiLanguages.current();
        ApiLanguages.answeredIn(language);
        HttpHeaders headers = new HttpHeaders();
        ApiLanguages.describe(headers);
        return ResponseEntity.ok().headers(headers)
                .body(new ActionList(catalog.all().stream().map(action -> resource(action, language)).toList()));
    }

    private ActionResource resource(Action action, Locale language) {
        return new ActionResource(action.code(), text(action, "title", language), text(action, "description", language),
                action.area().name(), action.gpcRef(), action.gpcSector(), action.scope(), action.unit(),
                action.maxQuantity(), action.factorCode(), action.factorUnit(),
                PledgeController.FactorResource.of(action.defaultFactor()), action.formula());
    }

    private String text(Action action, String what, Locale language) {
        return messages.getMessage("action." + action.code() + "." + what, null, language);
    }
}
