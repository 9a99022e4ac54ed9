package chat.protocol;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON reading rules frames and end-to-end content share: one value and nothing after it, no
 * field named twice, and each field of the JSON type its record names. Two readers of one JSON
 * text, one strict and one not, would otherwise see different things in it.
 */
public final class StrictJson {
  private StrictJson() {}

  /**
   * {@code builder} reading strictly: trailing data, a repeated field, a null for a number, a
   * fraction for an integer, a string for a number, and a number or a boolean for a string are
   * refused.
   */
  public static JsonMapper.Builder reading(JsonMapper.Builder builder) {
    return builder
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // That feature leaves text alone: Jackson would still read 5, 1.5 or true as a string
        // ("username":5 as the name "5").
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }
}
