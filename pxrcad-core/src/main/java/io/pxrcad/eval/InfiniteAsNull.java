package io.pxrcad.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;

/**
 * JSON has no infinity (Jackson would write the string {@code "Infinity"}): a threshold that no
 * score reaches is written as {@code null} and read back as {@code +Infinity}.
 */
final class InfiniteAsNull {
    private InfiniteAsNull() {}

    static final class Writer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || v.isInfinite() || v.isNaN()) g.writeNull();
            else g.writeNumber(v);
        }
    }

    static final class Reader extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext c) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
