package org.citypromise.kit.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** How every service reads request bodies: strictly. */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * A key given twice in one JSON object is refused (400) rather than the last one silently winning: parsers
     * differ on which one wins, so what a proxy or a client checked may not be what would be stored. And a boolean
     * or a number where text belongs is refused, not turned into "true" or "42".
     */
    public static JsonMapperBuilderCustomizer requestBodies() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }
}
