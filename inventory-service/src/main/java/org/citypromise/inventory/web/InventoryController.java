package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.citypromise.inventory.application.CityPublications;
import org.citypromise.inventory.domain.CityId;
import org.citypromise.inventory.domain.GpcInventory;
import org.citypromise.inventory.domain.Outcome;
import org.citypromise.inventory.domain.VersionedInventory;
import org.citypromise.inventory.domain.Written;
import org.springframework.http.MediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping(path = "/api/v1/cities/{cityId}/inventories", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "GPC inventories", description = "A city's community-scale greenhouse-gas inventories, one per year")
class InventoryController {

    private final CityPublications publications;

    InventoryController(CityPublications publications) {
        this.publications = publications;
    }

    @Schema(description = "A GPC inventory of one year as a city officer publishes it")
    record InventoryRequest(
            @Schema(example = "AR5", allowableValues = {"AR5", "AR6"}, requiredMode = Schema.RequiredMode.REQUIRED)
            String gwpSet,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<RowRequest> rows) {
    }

    @Schema(description = "One row: an amount (tco2e, or gases in tonnes) or a notation key, never both")
    record RowRequest(
            @Schema(example = "I.1.2", description = "GPC reference number") String gpcRef,
            @Schema(example = "1250000.5") BigDecimal tco2e,
            @Schema(example = "{\"CO2\": 1000, \"CH4\": 12.5, \"N2O\": 0.4}",
                    description = "Tonnes per gas: CO2, CH4, CH4_fossil (AR6), N2O, HFCs and PFCs (as tCO2e), SF6, NF3")
            Map<String, BigDecimal> gases,
            @Schema(example = "NO", allowableValues = {"NO", "IE", "NE", "C"}) String notationKey,
            @Schema(example = "I.6.1", description = "With IE: the row holding these emissions") String includedIn) {
    }

    record InventoryPage(List<InventoryResource> items, int page, int size, long totalItems) {
    }

    @PutMapping("/{year}")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Publish a city's GPC inventory of a year",
            description = "Only valid GPC reference numbers are accepted. Each row's scope and reporting level, and the "
                    + "BASIC / BASIC+ / territorial totals per sector and overall, follow from the GPC table. "
                    + "Re-publishing a year is a new version of it; with If-Match, refused with 412 unless still at "
                    + "that version. Announced on inventory-events.")
    ResponseEntity<InventoryResource> publish(@PathVariable String cityId, @PathVariable int year,
            @RequestBody InventoryRequest body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        List<GpcInventory.RowSubmission> rows = body.rows() == null ? null : body.rows().stream()
                .map(r -> r == null ? null : new GpcInventory.RowSubmission(r.gpcRef(), r.tco2e(), r.gases(),
                        r.notationKey(), r.includedIn()))
                .toList();
        Written<VersionedInventory> publication = publications.publishInventory(new CityId(cityId), year, body.gwpSet(),
                rows, Preconditions.expectedVersion(ifMatch));
        InventoryResource resource = InventoryResource.of(publication.stored());
        ResponseEntity.BodyBuilder response = publication.outcome() == Outcome.CREATED
                ? ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                : ResponseEntity.ok();
        return response.eTag(Long.toString(resource.version())).body(resource);
    }

    @GetMapping("/{year}")
    @Operation(summary = "A city's GPC inventory of a year, with its totals")
    ResponseEntity<InventoryResource> inventory(@PathVariable String cityId, @PathVariable int year) {
        VersionedInventory stored = publications.inventory(new CityId(cityId), year)
                .orElseThrow(() -> new NotPublished("no inventory of " + year + " is published for " + cityId));
        return ResponseEntity.ok().eTag(Long.toString(stored.version())).body(InventoryResource.of(stored));
    }

    @GetMapping
    @Operation(summary = "A city's GPC inventories, newest year first, a page at a time")
    InventoryPage inventories(@PathVariable String cityId, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        CityId city = new CityId(cityId);
        return new InventoryPage(publications.inventories(city, paging.offset(), paging.size()).stream()
                .map(InventoryResource::of).toList(), paging.page(), paging.size(),
                publications.inventoryCount(city));
    }
}
